import { ChangeDetectionStrategy, Component, ElementRef, Injector, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent, StatusChipComponent } from '@nss/web-ui';
import { catchError, map, of, startWith } from 'rxjs';
import { ProductCertificationsComponent } from '../../components/product-certifications.component';
import { ProductPhotosComponent } from '../../components/product-photos.component';
import { CatalogApi } from '../../data/catalog.api';
import { PRODUCT_UNITS, type Category, type Product } from '../../data/seller.models';
import {
  EMPTY_PRODUCT_FORM,
  checkProduct,
  fromProduct,
  needsReview,
  pricePreview,
  toCreateRequest,
  toUpdateRequest,
  type ProductFormValue,
  type ProductProblem,
} from '../../forms/product';
import { createProductForm } from '../../forms/product-form';
import { focusFirstInvalid } from '../../ui/focus-first-invalid';

const PHOTO_POLL_MS = 3000;
const MAX_PHOTO_POLLS = 10;

/** Fields shown on this page, by API path (the error box lists the other issues). */
const SHOWN_PATHS = ['name', 'categoryId', 'unit', 'netWeightGrams', 'priceVnd', 'stock', 'description', 'sellerId'];

/**
 * Create (`products/new`) or edit (`products/:productId`) a product. Used by sellers for themselves and by agents
 * for a household they manage (`/agent/households/:sellerId/products/...`, `sellerId` from the route).
 */
@Component({
  selector: 'nss-product-edit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    PageHeaderComponent,
    ErrorBoxComponent,
    FieldErrorComponent,
    StatusChipComponent,
    ProductCertificationsComponent,
    ProductPhotosComponent,
  ],
  styleUrl: '../../ui/form.css',
  templateUrl: './product-edit.page.html',
})
export class ProductEditPage implements OnInit {
  private readonly api = inject(CatalogApi);
  private readonly host = inject(ElementRef);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** Route parameters (component input binding). */
  readonly productId = input<string | undefined>(undefined);
  readonly sellerId = input<string | undefined>(undefined);
  /** `?created=1` after creating: invite the seller to add photos. */
  readonly created = input<string | undefined>(undefined);

  protected readonly form = createProductForm(inject(NonNullableFormBuilder));
  protected readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue()), startWith(this.form.getRawValue())), {
    initialValue: EMPTY_PRODUCT_FORM,
  });
  protected readonly pricePreview = computed(() => pricePreview(this.value().price));
  protected readonly units = PRODUCT_UNITS;
  protected readonly shownPaths: readonly string[] = SHOWN_PATHS;
  protected readonly categories = toSignal(this.api.categories().pipe(catchError(() => of([] as Category[]))), {
    initialValue: [] as Category[],
  });

  protected readonly product = signal<Product | null>(null);
  protected readonly loading = signal(false);
  protected readonly notFound = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly problems = signal<Partial<Record<string, ProductProblem>>>({});
  protected readonly notice = signal<string | null>(null);
  private initial: ProductFormValue = EMPTY_PRODUCT_FORM;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private polls = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.pollTimer));
  }

  ngOnInit(): void {
    if (this.created()) this.notice.set('seller.product.created');
    if (this.productId()) this.load(true);
  }

  protected load(fillForm: boolean): void {
    const id = this.productId();
    if (!id) return;
    this.loading.set(fillForm);
    this.api.get(id).subscribe({
      next: (product) => {
        this.loading.set(false);
        if (fillForm) {
          this.initial = fromProduct(product);
          this.form.setValue(this.initial);
        }
        this.showProduct(product);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        const apiError = toApiError(err);
        if (apiError.statusCode === 404 || apiError.statusCode === 400) this.notFound.set(true);
        else this.error.set(apiError);
      },
    });
  }

  /** After a photo upload (the product comes back) or removal (reload). */
  protected onPhotos(product: Product | null): void {
    if (product) this.showProduct(product);
    else this.load(false);
  }

  /** Thumbnails are made by the worker: while a photo is processing, look again a little later (a few times). */
  private showProduct(product: Product): void {
    this.product.set(product);
    clearTimeout(this.pollTimer);
    const processing = product.photos.some((p) => p.status === 'processing');
    if (processing && this.polls < MAX_PHOTO_POLLS) {
      this.polls++;
      this.pollTimer = setTimeout(() => this.load(false), PHOTO_POLL_MS);
    } else if (!processing) {
      this.polls = 0;
    }
  }

  protected i18nName(category: Category): string {
    return this.i18n.lang() === 'en' ? category.nameEn : category.name;
  }

  protected problemText(path: string): string | null {
    const problem = this.problems()[path];
    if (!problem) return null;
    return this.i18n.t(problem === 'required' ? 'seller.common.required' : 'seller.product.wholeNumber');
  }

  protected invalid(path: string): boolean {
    return !!this.problems()[path] || !!this.error()?.issues?.some((i) => i.path === path);
  }

  protected submit(): void {
    if (this.busy()) return;
    const value = this.form.getRawValue();
    const problems = checkProduct(value);
    this.problems.set(problems);
    this.error.set(null);
    this.notice.set(null);
    if (Object.keys(problems).length) return focusFirstInvalid(this.host, this.injector);
    const existing = this.product();
    if (existing) this.save(existing, value);
    else this.create(value);
  }

  private create(value: ProductFormValue): void {
    this.busy.set(true);
    this.api.create(toCreateRequest(value, this.sellerId())).subscribe({
      next: (product) => {
        this.busy.set(false);
        void this.router.navigate(['..', product.id], {
          relativeTo: this.route,
          queryParams: { created: 1 },
          replaceUrl: true,
        });
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  private save(existing: Product, value: ProductFormValue): void {
    const patch = toUpdateRequest(this.initial, value);
    if (!patch) {
      this.notice.set('seller.product.noChanges');
      return;
    }
    this.busy.set(true);
    this.api.update(existing.id, patch).subscribe({
      next: (product) => {
        this.busy.set(false);
        this.initial = value;
        this.showProduct(product);
        this.notice.set(needsReview(patch) ? 'seller.product.saved' : 'seller.product.savedNow');
      },
      error: (err: unknown) => this.fail(err),
    });
  }

  private fail(err: unknown): void {
    this.busy.set(false);
    this.error.set(toApiError(err));
    focusFirstInvalid(this.host, this.injector);
  }
}
