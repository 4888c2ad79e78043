import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import type { ApiError } from '@nss/contracts';
import { I18n, TranslatePipe } from '@nss/web-data-access';
import { FieldErrorComponent } from '@nss/web-ui';
import { catchError, distinctUntilChanged, of, startWith, switchMap, tap } from 'rxjs';
import { AdminUnitsApi } from '../data/admin-units.api';
import { SELLER_TYPES, type Commune, type Province } from '../data/seller.models';
import type { RegistrationField, RegistrationProblem } from '../forms/registration';
import type { RegistrationForm } from '../forms/registration-form';

/**
 * The seller fields of a registration (type, names, phone, password, CCCD, province → commune, address).
 * Shared by self-registration and the agent's assisted registration; the page owns the `<form>` and submit.
 */
@Component({
  selector: 'nss-seller-registration-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, FieldErrorComponent],
  templateUrl: './registration-fields.component.html',
  styleUrl: '../ui/form.css',
  styles: `:host { padding: 0; }`,
})
export class RegistrationFieldsComponent implements OnInit {
  private readonly units = inject(AdminUnitsApi);
  private readonly i18n = inject(I18n);
  private readonly destroyRef = inject(DestroyRef);

  readonly form = input.required<RegistrationForm>();
  readonly error = input<ApiError | null>(null);
  readonly problems = input<Partial<Record<RegistrationField, RegistrationProblem>>>({});
  readonly withPassword = input(true);
  /** The agent registers households of its own province only. */
  readonly fixedProvinceCode = input<string | null | undefined>(null);

  protected readonly types = SELLER_TYPES;
  protected readonly provincesFailed = signal(false);
  protected readonly provinces = toSignal(
    this.units.provinces().pipe(
      catchError(() => {
        this.provincesFailed.set(true);
        this.units.forget();
        return of([] as Province[]);
      }),
    ),
    { initialValue: [] as Province[] },
  );
  protected readonly communes = signal<Commune[]>([]);
  protected readonly communesLoading = signal(false);
  protected readonly communesFailed = signal(false);
  protected readonly hasProvince = signal(false);

  protected readonly issuePaths = computed(() => new Set((this.error()?.issues ?? []).map((i) => i.path)));

  ngOnInit(): void {
    const controls = this.form().controls;
    const fixed = this.fixedProvinceCode();
    if (fixed) {
      controls.provinceCode.setValue(fixed);
      controls.provinceCode.disable();
    }
    controls.provinceCode.valueChanges
      .pipe(
        startWith(controls.provinceCode.getRawValue()),
        distinctUntilChanged(),
        tap((code) => {
          this.hasProvince.set(!!code);
          this.communes.set([]);
          this.communesFailed.set(false);
          if (!code) controls.communeCode.setValue('');
        }),
        switchMap((code) => {
          if (!code) return of(null);
          this.communesLoading.set(true);
          return this.units.communesOf(code).pipe(
            catchError(() => {
              this.units.forget(code);
              this.communesFailed.set(true);
              return of([] as Commune[]);
            }),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((communes) => {
        this.communesLoading.set(false);
        this.communes.set(communes ?? []);
        const chosen = controls.communeCode.value;
        if (chosen && !(communes ?? []).some((c) => c.code === chosen)) controls.communeCode.setValue('');
      });
  }

  protected problemText(field: RegistrationField): string | null {
    const problem = this.problems()[field];
    return problem ? this.i18n.t(`seller.register.problem.${problem}`) : null;
  }

  protected invalid(field: RegistrationField): boolean {
    return this.issuePaths().has(field) || !!this.problems()[field];
  }

  protected retryCommunes(): void {
    const controls = this.form().controls;
    const code = controls.provinceCode.getRawValue();
    controls.provinceCode.setValue('');
    controls.provinceCode.setValue(code);
  }
}
