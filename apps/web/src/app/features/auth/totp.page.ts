import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { toDataURL } from 'qrcode';
import { AuthSession, type TotpEnrolment, type TotpStatus, TranslatePipe, homeForRole } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { FormSubmission, validCode } from './auth-form';

/**
 * Staff and admins turn two-step verification (TOTP) on or off: the server makes a secret, shown here as a QR code
 * (drawn in the browser from the otpauth:// URL: the secret never goes to a third party) and as text; a first code
 * confirms it.
 */
@Component({
  selector: 'nss-totp-page',
  imports: [TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nss-page-header [title]="'auth.totp.title' | t" />
    <div class="form card">
      <nss-error-box [error]="form.error()" [shownPaths]="['code']" />
      <p>{{ 'auth.totp.intro' | t }}</p>
      @if (status()?.required && !status()?.enabled) {
        <p class="muted" data-testid="totp-required">{{ 'auth.totp.required' | t }}</p>
      }
      @if (done()) {
        <p data-testid="totp-done">{{ 'auth.totp.done' | t }}</p>
      } @else if (status()?.enabled) {
        <p data-testid="totp-enabled">{{ 'auth.totp.enabled' | t }}</p>
        @if (!status()?.required) {
          <p>{{ 'auth.totp.disableIntro' | t }}</p>
          <div class="field">
            <label for="totp-off-code">{{ 'auth.totp.code' | t }}</label>
            <input id="totp-off-code" #o type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
              data-testid="totp-off-code" [value]="code()" (input)="code.set(o.value)" />
            <nss-field-error path="code" [error]="form.error()" [message]="form.tried() && !codeOk() ? ('auth.err.code' | t) : null" />
          </div>
          <button class="btn btn-danger" type="button" data-testid="totp-disable" [disabled]="form.busy()" (click)="disable()">
            {{ 'auth.totp.disable' | t }}
          </button>
        }
      } @else if (enrolment(); as e) {
        <p>{{ 'auth.totp.scan' | t }}</p>
        @if (qr()) {
          <img [src]="qr()" width="200" height="200" alt="QR" data-testid="totp-qr" />
        }
        <p>{{ 'auth.totp.secret' | t }}: <code data-testid="totp-secret">{{ e.secret }}</code></p>
        <div class="field">
          <label for="totp-code">{{ 'auth.totp.code' | t }}</label>
          <input id="totp-code" #c type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
            data-testid="totp-code" [value]="code()" (input)="code.set(c.value)" />
          <nss-field-error path="code" [error]="form.error()" [message]="form.tried() && !codeOk() ? ('auth.err.code' | t) : null" />
        </div>
        <button class="btn btn-primary" type="button" data-testid="totp-confirm" [disabled]="form.busy()" (click)="confirm()">
          {{ 'auth.totp.confirm' | t }}
        </button>
      } @else if (status()) {
        <button class="btn btn-primary" type="button" data-testid="totp-start" [disabled]="form.busy()" (click)="start()">
          {{ 'auth.totp.start' | t }}
        </button>
      }
    </div>
  `,
})
export class TotpPage implements OnInit {
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected readonly form = new FormSubmission();
  protected readonly status = signal<TotpStatus | null>(null);
  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly qr = signal<string | null>(null);
  protected readonly code = signal('');
  protected readonly done = signal(false);
  protected readonly codeOk = computed(() => validCode(this.code()));

  ngOnInit(): void {
    this.form.run(this.session.totpStatus(), (status) => this.status.set(status));
  }

  protected start(): void {
    this.form.run(this.session.totpEnrol(), (enrolment) => {
      this.enrolment.set(enrolment);
      toDataURL(enrolment.otpauthUrl, { margin: 1, width: 200 })
        .then((url) => this.qr.set(url))
        .catch(() => this.qr.set(null));
    });
  }

  protected confirm(): void {
    this.form.tried.set(true);
    if (!this.codeOk() || this.form.busy()) return;
    this.form.run(this.session.totpConfirm(this.code().trim()), (user) => {
      this.done.set(true);
      this.enrolment.set(null);
      setTimeout(() => void this.router.navigateByUrl(homeForRole(user.role)), 1500);
    });
  }

  protected disable(): void {
    this.form.tried.set(true);
    if (!this.codeOk() || this.form.busy()) return;
    this.form.run(this.session.totpDisable(this.code().trim()), () => void this.router.navigateByUrl('/auth/login'));
  }
}
