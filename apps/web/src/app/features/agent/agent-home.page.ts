import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@nss/web-data-access';
import { PageHeaderComponent } from '@nss/web-ui';

/** Placeholder: the agent area is built separately. */
@Component({
  selector: 'nss-agent-home-page',
  imports: [TranslatePipe, PageHeaderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'role.agent' | t" />
    <p>{{ 'common.underConstruction' | t }}</p>
  `,
})
export class AgentHomePage {}
