import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { vnDayKey } from '@nss/util-vn';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { AdminUnitsApi } from '../../../seller/data/admin-units.api';
import { CatalogApi } from '../../../seller/data/catalog.api';
import type { Commune, Product } from '../../../seller/data/seller.models';
import { LotsApi } from '../data/lots.api';
import { LOT_UNITS, type CreateLotRequest, type LotUnit } from '../data/lots.models';

/** The form's fields that the API names in its 400s (shown next to the field, not in the error box). */
const SHOWN = ['productId', 'code', 'producedOn', 'expiresOn', 'shelfLifeDays', 'quantity', 'unit', 'communeCode', 'standards', 'note', 'sellerId'];
const REQUIRED = ['productId', 'code', 'producedOn', 'quantity', 'unit', 'communeCode'] as const;

/** A lot unit for a product's selling unit, when there is an obvious one. */
function unitFor(productUnit: string): LotUnit | '' {
  if ((LOT_UNITS as readonly string[]).includes(productUnit)) return productUnit as LotUnit;
  return productUnit === 'package' || productUnit === 'bag' ? 'pack' : '';
}

function blank(value: string | number | null | undefined): boolean {
  return value === null || value === undefined || String(value).trim() === '';
}

/** "VietGAP, OCOP ," → ["VietGAP", "OCOP"]. */
export function splitStandards(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * `/nguoi-ban/lo-hang/moi` (an agent adds `?sellerId=`): records a lot of one of the seller's products — code,
 * production date, expiry or shelf life, quantity, commune of the seller's province, standards, photos, note.
 */
@Component({
  selector: 'nss-lot-create-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/lots.css',
  template: `
    <nss-page-header [title]="'lot.create.title' | t">
      <a class="btn" routerLink=".." [queryParams]="{ sellerId: sellerId() ?? null }">{{ 'lot.common.back' | t }}</a>
    </nss-page-header>
    @if (loading()) {
      <p role="status">{{ 'lot.common.loading' | t }}</p>
    } @else if (!products().length && !error()) {
      <p class="notice" data-testid="lot-no-products">{{ 'lot.create.noProducts' | t }}</p>
    } @else {
      <form class="card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <nss-error-box [error]="error()" [shownPaths]="shown" />
        <div class="field">
          <label for="lot-product">{{ 'lot.field.product' | t }}</label>
          <select id="lot-product" formControlName="productId" data-testid="lot-product" aria-describedby="lot-product-error"
            [attr.aria-invalid]="invalid('productId')" (change)="productChosen()">
            <option value="">{{ 'lot.common.choose' | t }}</option>
            @for (p of products(); track p.id) { <option [value]="p.id">{{ p.name }}</option> }
          </select>
          <nss-field-error id="lot-product-error" path="productId" [error]="error()" [message]="missing('productId')" />
        </div>
        <div class="field">
          <label for="lot-code">{{ 'lot.field.code' | t }}</label>
          <p class="hint" id="lot-code-hint">{{ 'lot.field.codeHint' | t }}</p>
          <input id="lot-code" formControlName="code" data-testid="lot-code" maxlength="20" autocapitalize="characters"
            aria-describedby="lot-code-hint lot-code-error" [attr.aria-invalid]="invalid('code')" />
          <nss-field-error id="lot-code-error" path="code" [error]="error()" [message]="missing('code')" />
        </div>
        <div class="two">
          <div class="field">
            <label for="lot-produced">{{ 'lot.field.producedOn' | t }}</label>
            <input id="lot-produced" type="date" formControlName="producedOn" data-testid="lot-produced-on" [max]="today"
              aria-describedby="lot-produced-error" [attr.aria-invalid]="invalid('producedOn')" />
            <nss-field-error id="lot-produced-error" path="producedOn" [error]="error()" [message]="missing('producedOn')" />
          </div>
          <div class="field">
            <label for="lot-expires">{{ 'lot.field.expiresOn' | t }}</label>
            <input id="lot-expires" type="date" formControlName="expiresOn" data-testid="lot-expires-on"
              aria-describedby="lot-expires-error" [attr.aria-invalid]="invalid('expiresOn')" />
            <nss-field-error id="lot-expires-error" path="expiresOn" [error]="error()" />
          </div>
        </div>
        <div class="field">
          <label for="lot-shelf">{{ 'lot.field.shelfLifeDays' | t }}</label>
          <input id="lot-shelf" type="number" inputmode="numeric" min="1" max="3650" formControlName="shelfLifeDays" data-testid="lot-shelf-life"
            aria-describedby="lot-shelf-error" [attr.aria-invalid]="invalid('shelfLifeDays')" />
          <nss-field-error id="lot-shelf-error" path="shelfLifeDays" [error]="error()" />
        </div>
        <div class="two">
          <div class="field">
            <label for="lot-quantity">{{ 'lot.field.quantity' | t }}</label>
            <input id="lot-quantity" type="number" inputmode="decimal" min="0" step="any" formControlName="quantity" data-testid="lot-quantity"
              aria-describedby="lot-quantity-error" [attr.aria-invalid]="invalid('quantity')" />
            <nss-field-error id="lot-quantity-error" path="quantity" [error]="error()" [message]="missing('quantity')" />
          </div>
          <div class="field">
            <label for="lot-unit">{{ 'lot.field.unit' | t }}</label>
            <select id="lot-unit" formControlName="unit" data-testid="lot-unit" aria-describedby="lot-unit-error" [attr.aria-invalid]="invalid('unit')">
              <option value="">{{ 'lot.common.choose' | t }}</option>
              @for (u of units; track u) { <option [value]="u">{{ 'lot.unit.' + u | t }}</option> }
            </select>
            <nss-field-error id="lot-unit-error" path="unit" [error]="error()" [message]="missing('unit')" />
          </div>
        </div>
        <div class="field">
          <label for="lot-commune">{{ 'lot.field.commune' | t }}</label>
          <select id="lot-commune" formControlName="communeCode" data-testid="lot-commune" aria-describedby="lot-commune-error"
            [attr.aria-invalid]="invalid('communeCode')">
            <option value="">{{ 'lot.common.choose' | t }}</option>
            @for (c of communes(); track c.code) { <option [value]="c.code">{{ c.name }}</option> }
          </select>
          <nss-field-error id="lot-commune-error" path="communeCode" [error]="error()" [message]="missing('communeCode')" />
        </div>
        <div class="field">
          <label for="lot-standards">{{ 'lot.field.standards' | t }}</label>
          <p class="hint" id="lot-standards-hint">{{ 'lot.field.standardsHint' | t }}</p>
          <input id="lot-standards" formControlName="standards" data-testid="lot-standards" aria-describedby="lot-standards-hint lot-standards-error" />
          <nss-field-error id="lot-standards-error" path="standards" [error]="error()" />
        </div>
        @if (photos().length) {
          <fieldset>
            <legend>{{ 'lot.field.photos' | t }}</legend>
            <div class="photos">
              @for (photo of photos(); track photo.id; let i = $index) {
                <label class="check">
                  <input type="checkbox" [checked]="photoIds().includes(photo.id)" (change)="togglePhoto(photo.id)" [attr.data-testid]="'lot-photo-' + photo.id" />
                  <img [src]="photo.thumbUrl || photo.url" [alt]="('lot.field.photos' | t) + ' ' + (i + 1)" loading="lazy" />
                </label>
              }
            </div>
          </fieldset>
        }
        <div class="field">
          <label for="lot-note">{{ 'lot.field.note' | t }}</label>
          <textarea id="lot-note" formControlName="note" data-testid="lot-note" maxlength="1000" aria-describedby="lot-note-error"></textarea>
          <nss-field-error id="lot-note-error" path="note" [error]="error()" />
        </div>
        <button type="submit" class="btn btn-primary" data-testid="lot-submit" [disabled]="saving()">
          {{ (saving() ? 'lot.common.saving' : 'lot.create.submit') | t }}</button>
      </form>
    }
  `,
})
export class LotCreatePage implements OnInit {
  private readonly api = inject(LotsApi);
  private readonly catalog = inject(CatalogApi);
  private readonly adminUnits = inject(AdminUnitsApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18n);

  /** Query `?sellerId=` (agents). */
  readonly sellerId = input<string | undefined>(undefined);

  protected readonly units = LOT_UNITS;
  protected readonly shown = SHOWN;
  protected readonly today = vnDayKey(new Date());
  protected readonly products = signal<Product[]>([]);
  protected readonly communes = signal<Commune[]>([]);
  protected readonly photos = signal<Product['photos']>([]);
  protected readonly photoIds = signal<string[]>([]);
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly tried = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  protected readonly form = this.fb.group({
    productId: '',
    code: '',
    producedOn: this.today,
    expiresOn: '',
    shelfLifeDays: this.fb.control<number | null>(null),
    quantity: this.fb.control<number | null>(null),
    unit: '' as LotUnit | '',
    communeCode: '',
    standards: '',
    note: '',
  });

  ngOnInit(): void {
    this.catalog.myProducts({ sellerId: this.sellerId() }).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.products.set(page.items);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  /** A product chosen: its province's communes (its own commune first chosen), its photos, a matching unit. */
  protected productChosen(): void {
    const product = this.products().find((p) => p.id === this.form.controls.productId.value);
    this.photos.set(product?.photos.filter((p) => p.status === 'ready') ?? []);
    this.photoIds.set([]);
    if (!product) return;
    if (!this.form.controls.unit.value) this.form.controls.unit.setValue(unitFor(product.unit));
    this.adminUnits.communesOf(product.provinceCode).subscribe({
      next: (communes) => {
        this.communes.set(communes);
        if (!this.form.controls.communeCode.value) this.form.controls.communeCode.setValue(product.communeCode);
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected togglePhoto(id: string): void {
    this.photoIds.update((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  }

  protected missing(field: (typeof REQUIRED)[number]): string | null {
    return this.tried() && blank(this.form.controls[field].value) ? this.i18n.t('lot.create.required') : null;
  }

  protected invalid(path: string): boolean | null {
    const fromApi = (this.error()?.issues ?? []).some((i) => i.path === path);
    const local = (REQUIRED as readonly string[]).includes(path) && this.missing(path as (typeof REQUIRED)[number]) !== null;
    return fromApi || local ? true : null;
  }

  protected submit(): void {
    this.tried.set(true);
    if (REQUIRED.some((f) => this.missing(f))) return;
    const v = this.form.getRawValue();
    const body: CreateLotRequest = {
      productId: v.productId,
      code: v.code.trim(),
      producedOn: v.producedOn,
      quantity: Number(v.quantity),
      unit: v.unit as LotUnit,
      communeCode: v.communeCode,
      ...(this.sellerId() ? { sellerId: this.sellerId() } : {}),
      ...(v.expiresOn ? { expiresOn: v.expiresOn } : {}),
      ...(blank(v.shelfLifeDays) ? {} : { shelfLifeDays: Number(v.shelfLifeDays) }),
      ...(splitStandards(v.standards).length ? { standards: splitStandards(v.standards) } : {}),
      ...(this.photoIds().length ? { photoIds: this.photoIds() } : {}),
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
    };
    this.saving.set(true);
    this.error.set(null);
    this.api.create(body).subscribe({
      next: (lot) => {
        this.saving.set(false);
        void this.router.navigate(['..', lot.id], { relativeTo: this.route, queryParams: { sellerId: this.sellerId() ?? null } });
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
