import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import type { ApiError } from '@nss/contracts';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { FieldErrorComponent, StatusChipComponent } from '@nss/web-ui';
import { OCOP_PRODUCT_GROUPS } from '../data/seller.models';
import {
  certificationPath,
  formatDay,
  ocopIssuerFor,
  ocopValidity,
  type ProductFormValue,
  type ProductProblem,
} from '../forms/product';
import type { ProductForm } from '../forms/product-form';

/** VietGAP, organic and the OCOP certificate (with its expiry badge) inside the product form. */
@Component({
  selector: 'nss-product-certifications',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent, StatusChipComponent],
  templateUrl: './product-certifications.component.html',
  styleUrl: '../ui/form.css',
  styles: `:host { padding: 0; } .badge { margin: 4px 0 12px; }`,
})
export class ProductCertificationsComponent implements OnInit {
  private readonly i18n = inject(I18n);
  private readonly destroyRef = inject(DestroyRef);

  readonly form = input.required<ProductForm>();
  readonly error = input<ApiError | null>(null);
  readonly problems = input<Partial<Record<string, ProductProblem>>>({});
  /** "Now" for the expiry badge; an input so tests and screenshots are stable. */
  readonly today = input<Date>(new Date());

  /** The form's current raw value (the page keeps it as a signal). */
  readonly value = input.required<ProductFormValue>();

  protected readonly groups = OCOP_PRODUCT_GROUPS;
  protected readonly stars = ['3', '4', '5'] as const;

  protected readonly validity = computed(() => {
    const v = this.value();
    if (!v.ocop) return null;
    const validity = ocopValidity(v.ocopDecisionDate, this.today());
    return validity ? { ...validity, expiresText: formatDay(validity.expiresAt) } : null;
  });

  ngOnInit(): void {
    const form = this.form();
    // 3–4★ come from the province, 5★ centrally: preselect the issuer the API will accept.
    form.controls.ocopStars.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((stars) => {
      const issuer = ocopIssuerFor(stars);
      if (issuer) form.controls.ocopIssuer.setValue(issuer);
    });
  }

  protected path(kind: 'vietgap' | 'organic', field: string): string {
    return certificationPath(this.value(), kind, field);
  }

  protected invalid(path: string): boolean {
    return !!this.problems()[path] || !!this.error()?.issues?.some((i) => i.path === path);
  }

  protected problemText(path: string): string | null {
    const problem = this.problems()[path];
    return problem ? this.i18n.t(problem === 'required' ? 'seller.common.required' : 'seller.product.wholeNumber') : null;
  }
}
