import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import type { ApiError } from '@nss/contracts';
import { TranslatePipe } from '@nss/web-data-access';
import { FieldErrorComponent } from '@nss/web-ui';
import { catchError, of } from 'rxjs';
import { AdminUnitsApi } from '../../seller/data/admin-units.api';
import type { Province } from '../../seller/data/seller.models';
import type { Address, AddressInput } from '../data/orders.models';

export const EMPTY_ADDRESS: AddressInput = { recipientName: '', phone: '', street: '', provinceCode: '', communeCode: '' };

/** "12 Phố Huế, Phường Ba Đình, Thành phố Hà Nội": a saved address on one line (the recipient and phone apart). */
export function addressText(a: Pick<Address, 'street' | 'communeName' | 'provinceName'>): string {
  return [a.street, a.communeName, a.provinceName].filter((part) => !!part).join(', ');
}

/**
 * A delivery address on the 2025 units: recipient, phone, street, then province → commune (the same admin-units
 * API and cache as the onboarding forms). `pathPrefix` maps the API's field issues (`address.phone`) to the fields:
 * `address.` at checkout, '' in the address book. One instance per page (the fields have fixed ids).
 */
@Component({
  selector: 'nss-address-fields',
  imports: [TranslatePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `:host { display: grid; gap: 12px; }`,
  template: `
    <div class="field">
      <label for="addr-name">{{ 'ord.address.recipient' | t }}</label>
      <input id="addr-name" data-testid="addr-name" autocomplete="name" [value]="value().recipientName"
        aria-describedby="addr-name-error" (input)="set('recipientName', $event)" />
      <nss-field-error id="addr-name-error" [error]="error()" [path]="pathPrefix() + 'recipientName'" />
    </div>
    <div class="field">
      <label for="addr-phone">{{ 'ord.address.phone' | t }}</label>
      <input id="addr-phone" data-testid="addr-phone" type="tel" inputmode="tel" autocomplete="tel-national"
        [value]="value().phone" aria-describedby="addr-phone-hint addr-phone-error" (input)="set('phone', $event)" />
      <span class="hint" id="addr-phone-hint">{{ 'ord.address.phoneHint' | t }}</span>
      <nss-field-error id="addr-phone-error" [error]="error()" [path]="pathPrefix() + 'phone'" />
    </div>
    <div class="field">
      <label for="addr-province">{{ 'ord.address.province' | t }}</label>
      <select id="addr-province" data-testid="addr-province" aria-describedby="addr-province-error"
        (change)="setProvince($event)">
        <option value="" [selected]="!value().provinceCode">{{ 'ord.common.choose' | t }}</option>
        @for (p of provinces(); track p.code) {
          <option [value]="p.code" [selected]="p.code === value().provinceCode">{{ p.name }}</option>
        }
      </select>
      <nss-field-error id="addr-province-error" [error]="error()" [path]="pathPrefix() + 'provinceCode'" />
    </div>
    <div class="field">
      <label for="addr-commune">{{ 'ord.address.commune' | t }}</label>
      <select id="addr-commune" data-testid="addr-commune" aria-describedby="addr-commune-error"
        [disabled]="!value().provinceCode" [attr.aria-busy]="communes.isLoading()" (change)="set('communeCode', $event)">
        <option value="" [selected]="!value().communeCode">
          {{ (value().provinceCode ? 'ord.common.choose' : 'ord.address.provinceFirst') | t }}</option>
        @for (c of communeList(); track c.code) {
          <option [value]="c.code" [selected]="c.code === value().communeCode">{{ c.name }}</option>
        }
      </select>
      <nss-field-error id="addr-commune-error" [error]="error()" [path]="pathPrefix() + 'communeCode'" />
    </div>
    <div class="field">
      <label for="addr-street">{{ 'ord.address.street' | t }}</label>
      <input id="addr-street" data-testid="addr-street" autocomplete="street-address" [value]="value().street"
        aria-describedby="addr-street-error" (input)="set('street', $event)" />
      <nss-field-error id="addr-street-error" [error]="error()" [path]="pathPrefix() + 'street'" />
    </div>
  `,
})
export class AddressFieldsComponent {
  private readonly units = inject(AdminUnitsApi);
  readonly value = model<AddressInput>(EMPTY_ADDRESS);
  readonly error = input<ApiError | null>(null);
  readonly pathPrefix = input('address.');

  protected readonly provinces = toSignal(
    this.units.provinces().pipe(
      catchError(() => {
        this.units.forget();
        return of([] as Province[]);
      }),
    ),
    { initialValue: [] as Province[] },
  );
  protected readonly communes = rxResource({
    params: () => this.value().provinceCode || undefined,
    stream: ({ params }) => this.units.communesOf(params),
  });
  protected readonly communeList = computed(() => (this.communes.hasValue() ? this.communes.value() : []));

  protected set(field: keyof AddressInput, event: Event): void {
    const text = (event.target as HTMLInputElement | HTMLSelectElement).value;
    this.value.update((v) => ({ ...v, [field]: text }));
  }

  protected setProvince(event: Event): void {
    const provinceCode = (event.target as HTMLSelectElement).value;
    this.value.update((v) => ({ ...v, provinceCode, communeCode: '' }));
  }
}
