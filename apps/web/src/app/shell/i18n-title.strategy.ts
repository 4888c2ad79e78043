import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n } from '@nss/web-data-access';

/** Route `title`s are dictionary keys: `{ path: 'login', title: 'auth.login.title', … }`. */
@Injectable({ providedIn: 'root' })
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const key = this.buildTitle(snapshot);
    const app = this.i18n.t('app.name');
    this.title.setTitle(key ? `${this.i18n.t(key)} · ${app}` : app);
  }
}
