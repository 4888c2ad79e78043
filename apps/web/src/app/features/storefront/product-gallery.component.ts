import { NgOptimizedImage } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import type { ProductPhoto } from '@nss/contracts';
import { TranslatePipe } from '@nss/web-data-access';
import { PHOTO_LOADER, photoSrcset } from '../../shared/photo-image';

/**
 * Main photo plus a row of thumbnails (tap to show); photos still being resized show their original. The main photo is
 * the page's largest paint: eager, fetched first (preloaded by the server-rendered page), in its WebP sizes with the
 * layout's width as `sizes`; thumbnails are lazy and small.
 */
@Component({
  selector: 'nss-product-gallery',
  imports: [NgOptimizedImage, TranslatePipe],
  providers: [PHOTO_LOADER],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (current(); as photo) {
      <a [href]="photo.url" target="_blank" rel="noopener" class="main">
        <!-- One element per photo: NgOptimizedImage reads its srcset and size once. -->
        @for (shown of [photo]; track shown.id) {
          @let large = shown.variants[shown.variants.length - 1];
          @if (large) {
            <!-- Full width on phones; half of the 960 px layout (less its gap) from 720 px. -->
            <img [ngSrc]="shown.variants[0]?.url ?? large.url" [ngSrcset]="srcset(shown)" [loaderParams]="{ variants: shown.variants }"
              sizes="(min-width: 960px) 460px, (min-width: 720px) calc(50vw - 20px), calc(100vw - 24px)"
              [width]="large.width" [height]="large.height" [alt]="alt()" priority data-testid="product-photo" />
          } @else {
            <img [src]="shown.displayUrl || shown.url" [alt]="alt()" width="640" height="640" fetchpriority="high" data-testid="product-photo" />
          }
        }
      </a>
      @if (ready().length > 1) {
        <div class="thumbs">
          @for (p of ready(); track p.id; let i = $index) {
            <button type="button" [attr.aria-pressed]="p.id === photo.id" [attr.aria-label]="'sf.product.photo' | t: { n: i + 1 }"
              data-testid="product-thumb" (click)="selected.set(p.id)">
              <img [src]="p.thumbUrl" alt="" width="64" height="64" loading="lazy" decoding="async" />
            </button>
          }
        </div>
      }
    } @else {
      <div class="no-photo" aria-hidden="true">🌿</div>
    }
  `,
  styles: `
    .main img, .no-photo { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 10px; background: #e8ede6; display: block; }
    .no-photo { display: flex; align-items: center; justify-content: center; font-size: 3rem; }
    .thumbs { display: flex; gap: 8px; overflow-x: auto; margin-top: 8px; }
    .thumbs button { flex: none; padding: 0; border: 2px solid transparent; border-radius: 8px; background: none; cursor: pointer; }
    .thumbs button[aria-pressed='true'] { border-color: #1f5f2a; }
    .thumbs img { width: 60px; height: 60px; object-fit: cover; border-radius: 6px; display: block; }
  `,
})
export class ProductGalleryComponent {
  readonly photos = input.required<readonly ProductPhoto[]>();
  readonly alt = input('');

  protected readonly ready = computed(() => this.photos().filter((p) => p.status !== 'failed'));
  protected readonly selected = linkedSignal<string | null>(() => this.ready()[0]?.id ?? null);
  protected readonly current = computed(() => this.ready().find((p) => p.id === this.selected()) ?? this.ready()[0] ?? null);

  protected srcset(photo: ProductPhoto): string {
    return photoSrcset(photo.variants);
  }
}
