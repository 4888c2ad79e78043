import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@nss/web-data-access';
import { PageHeaderComponent } from '@nss/web-ui';

@Component({
  selector: 'nss-not-found-page',
  imports: [RouterLink, TranslatePipe, PageHeaderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'shell.notFound.title' | t" />
    <p>{{ 'shell.notFound.text' | t }}</p>
    <a class="btn" routerLink="/">{{ 'shell.home' | t }}</a>
  `,
})
export class NotFoundPage {}
