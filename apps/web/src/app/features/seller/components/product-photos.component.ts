import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { CatalogApi } from '../data/catalog.api';
import type { Product, ProductPhoto } from '../data/seller.models';
import { PHOTO_TYPES, isAcceptedPhotoType, photoErrorKey } from '../forms/photo-errors';

/** Thumbnails of a product's photos, upload (one or several, one at a time) and removal. */
@Component({
  selector: 'nss-product-photos',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  styleUrl: '../ui/form.css',
  styles: `
    :host { padding: 0; }
    .thumbs { display: grid; grid-template-columns: repeat(auto-fill, minmax(96px, 1fr)); gap: 8px; margin: 8px 0; }
    .thumb { position: relative; margin: 0; }
    .thumb img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 8px; background: #eee; }
    .thumb figcaption { font-size: 0.8rem; color: #555; }
    .thumb button { min-height: 40px; width: 100%; margin-top: 4px; }
    .uploading img { opacity: 0.5; }
  `,
  template: `
    <section aria-labelledby="photos-title">
      <h2 id="photos-title">{{ 'seller.photos.title' | t }}</h2>
      <div class="thumbs">
        @for (photo of photos(); track photo.id) {
          <figure class="thumb" [attr.data-testid]="'photo-' + photo.id">
            <img [src]="photo.thumbUrl || photo.url" alt="" loading="lazy" />
            @if (photo.status !== 'ready' || !photo.approved) {
              <figcaption>{{ statusKey(photo) | t }}</figcaption>
            }
            <button type="button" class="btn" [disabled]="busy()" (click)="remove(photo)"
              [attr.aria-label]="'seller.photos.remove' | t">✕</button>
          </figure>
        }
        @if (preview(); as src) {
          <figure class="thumb uploading">
            <img [src]="src" alt="" />
            <figcaption>{{ 'seller.photos.uploading' | t }}</figcaption>
          </figure>
        }
      </div>
      <div class="field">
        <label for="photo-input">{{ 'seller.photos.add' | t }}</label>
        <p class="hint" id="photo-hint">{{ 'seller.photos.hint' | t }}</p>
        <input id="photo-input" type="file" data-testid="photo-input" [accept]="accept" multiple
          aria-describedby="photo-hint photo-error" [disabled]="busy()" (change)="onFiles($event)" />
        @if (problem(); as p) {
          <span id="photo-error" class="field-error" role="alert" data-testid="photo-error">{{ p }}</span>
        }
      </div>
    </section>
  `,
})
export class ProductPhotosComponent {
  private readonly api = inject(CatalogApi);
  private readonly i18n = inject(I18n);

  readonly productId = input.required<string>();
  readonly photos = input<readonly ProductPhoto[]>([]);
  /** The product after an upload (the API returns it), or null after a removal or failure: reload it. */
  readonly updated = output<Product | null>();

  protected readonly accept = PHOTO_TYPES.join(',');
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly preview = signal<string | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.setPreview(null));
  }

  protected statusKey(photo: ProductPhoto): string {
    if (photo.status === 'processing') return 'seller.photos.processing';
    if (photo.status === 'failed') return 'seller.photos.failedState';
    return 'seller.photos.notApproved';
  }

  protected onFiles(event: Event): void {
    const inputEl = event.target as HTMLInputElement;
    const files = Array.from(inputEl.files ?? []);
    inputEl.value = '';
    this.problem.set(null);
    this.uploadNext(files);
  }

  private uploadNext(files: File[]): void {
    const [file, ...rest] = files;
    if (!file) {
      this.busy.set(false);
      this.setPreview(null);
      return;
    }
    if (!isAcceptedPhotoType(file.type)) {
      this.problem.set(`${file.name}: ${this.i18n.t('seller.photos.wrongType')}`);
      this.uploadNext(rest);
      return;
    }
    this.busy.set(true);
    this.setPreview(URL.createObjectURL(file));
    this.api.uploadPhoto(this.productId(), file).subscribe({
      next: (product) => {
        this.updated.emit(product);
        this.uploadNext(rest);
      },
      error: (err: unknown) => {
        this.problem.set(`${file.name}: ${this.describe(err)}`);
        this.uploadNext(rest);
      },
    });
  }

  protected remove(photo: ProductPhoto): void {
    this.busy.set(true);
    this.problem.set(null);
    this.api.deletePhoto(this.productId(), photo.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.updated.emit(null);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.problem.set(this.describe(err));
      },
    });
  }

  private describe(err: unknown): string {
    const key = err instanceof HttpErrorResponse ? photoErrorKey(err.status) : null;
    if (key) return this.i18n.t(key);
    const apiError = toApiError(err);
    return this.i18n.lang() === 'en' ? apiError.messageEn : apiError.message;
  }

  private setPreview(url: string | null): void {
    const old = this.preview();
    if (old) URL.revokeObjectURL(old);
    this.preview.set(url);
  }
}
