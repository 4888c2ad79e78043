import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslatePipe } from '@nss/web-data-access';
import { PageHeaderComponent } from '@nss/web-ui';

@Component({
  selector: 'nss-staff-home-page',
  imports: [TranslatePipe, PageHeaderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'staff.home.title' | t" />
    <p>{{ 'common.underConstruction' | t }}</p>
  `,
})
export class StaffHomePage {}
