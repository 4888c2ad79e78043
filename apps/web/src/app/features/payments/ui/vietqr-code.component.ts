import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { toString as qrToString } from 'qrcode';

/**
 * The VietQR payload drawn as a QR code (SVG, made in the browser: the payload never leaves the page). Banking
 * apps scan it and fill in the account, the amount and the purpose.
 */
@Component({
  selector: 'nss-vietqr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (src(); as s) {
      <img [src]="s" [attr.alt]="alt()" width="240" height="240" data-testid="vietqr-image" />
    } @else {
      <span class="placeholder" aria-hidden="true"></span>
    }
  `,
  styles: `
    :host { display: block; width: 240px; max-width: 100%; margin: 0 auto; }
    img, .placeholder { display: block; width: 100%; height: auto; aspect-ratio: 1; background: #fff; }
  `,
})
export class VietqrCodeComponent {
  readonly payload = input.required<string>();
  readonly alt = input('VietQR');
  protected readonly src = signal<string | null>(null);

  constructor() {
    effect(() => {
      const payload = this.payload();
      qrToString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
        (svg) => {
          if (payload === this.payload()) this.src.set(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
        },
        () => this.src.set(null),
      );
    });
  }
}
