import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent } from '@nss/web-ui';
import type { Observable } from 'rxjs';
import { OrdersApi } from '../data/orders.api';
import { MAX_ADDRESSES, type Address, type AddressInput } from '../data/orders.models';
import { AddressFieldsComponent, EMPTY_ADDRESS, addressText } from '../ui/address-fields.component';

/** What the form is doing: adding a new address, or editing one of the book. */
type Editing = { kind: 'new' } | { kind: 'edit'; id: string };

const ADDRESS_FIELDS = ['recipientName', 'phone', 'street', 'provinceCode', 'communeCode'] as const;

/**
 * `/tai-khoan/dia-chi`: the buyer's address book. List (the default first), add, edit, delete (asked twice), make
 * default; at most MAX_ADDRESSES. The form is the checkout's address fields (2025 province → commune pickers).
 */
@Component({
  selector: 'nss-address-book-page',
  imports: [RouterLink, TranslatePipe, ErrorBoxComponent, PageHeaderComponent, AddressFieldsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../ui/orders.css',
  styles: `
    .badge { display: inline-block; margin-left: 6px; padding: 1px 8px; border-radius: 10px; background: #e3f1e3;
      color: #1f5f2a; font-size: 0.85rem; font-weight: 600; vertical-align: middle; }
    .address { overflow-wrap: anywhere; }
  `,
  template: `
    <nss-page-header [title]="'ord.addresses.title' | t" [subtitle]="'ord.addresses.subtitle' | t: { max: max }">
      <a class="btn" routerLink="/gio-hang">{{ 'ord.cart.title' | t }}</a>
    </nss-page-header>
    <div role="status" aria-live="polite">
      @if (done(); as d) { <p class="notice" data-testid="address-done">{{ d | t }}</p> }
    </div>
    @if (book.error()) { <nss-error-box [error]="asError(book.error())" /> }
    @if (book.isLoading() && !book.hasValue()) { <p role="status">{{ 'common.loading' | t }}</p> }

    @if (editing(); as e) {
      <section class="card" data-testid="address-form" [attr.aria-label]="(e.kind === 'new' ? 'ord.addresses.add' : 'ord.addresses.edit') | t">
        <h2>{{ (e.kind === 'new' ? 'ord.addresses.add' : 'ord.addresses.edit') | t }}</h2>
        <form (submit)="$event.preventDefault(); save()" novalidate>
          <nss-error-box [error]="error()" [shownPaths]="fields" />
          <nss-address-fields [(value)]="draft" [error]="error()" pathPrefix="" />
          @if (e.kind === 'new' && items().length) {
            <label class="choice">
              <input type="checkbox" data-testid="address-make-default" [checked]="makeDefault()" (change)="makeDefault.set(!makeDefault())" />
              <span>{{ 'ord.addresses.makeDefaultToo' | t }}</span>
            </label>
          }
          <div class="actions">
            <button type="submit" class="btn btn-primary" data-testid="address-save" [disabled]="busy()">
              {{ (busy() ? 'ord.addresses.saving' : 'ord.addresses.save') | t }}</button>
            <button type="button" class="btn" data-testid="address-cancel" (click)="close()">{{ 'ord.addresses.cancel' | t }}</button>
          </div>
        </form>
      </section>
    } @else if (book.hasValue()) {
      <nss-error-box [error]="error()" />
      @if (full()) {
        <p class="muted small" data-testid="address-full">{{ 'ord.addresses.full' | t: { max: max } }}</p>
      } @else {
        <button type="button" class="btn btn-primary btn-block" data-testid="address-add" (click)="openNew()">
          {{ 'ord.addresses.add' | t }}</button>
      }
    }

    @if (book.hasValue()) {
      @if (!items().length) {
        <section class="card" data-testid="addresses-empty"><p>{{ 'ord.addresses.empty' | t }}</p></section>
      }
      <ul class="lines" [attr.aria-label]="'ord.addresses.title' | t">
        @for (a of items(); track a.id) {
          <li style="grid-template-columns: 1fr" data-testid="address-item" [attr.data-id]="a.id" [attr.data-default]="a.isDefault">
            <div class="address">
              <strong>{{ a.recipientName }}</strong> · {{ a.phone }}
              @if (a.isDefault) { <span class="badge" data-testid="address-default">{{ 'ord.addresses.default' | t }}</span> }
              <br /><span class="small">{{ text(a) }}</span>
            </div>
            @if (confirming() === a.id) {
              <div class="row" role="group" [attr.aria-label]="'ord.addresses.deleteQuestion' | t">
                <span class="small">{{ 'ord.addresses.deleteQuestion' | t }}</span>
                <button type="button" class="btn btn-danger" data-testid="address-delete-confirm" [disabled]="busy()" (click)="remove(a)">
                  {{ 'ord.addresses.deleteYes' | t }}</button>
                <button type="button" class="btn" (click)="confirming.set(null)">{{ 'ord.addresses.cancel' | t }}</button>
              </div>
            } @else {
              <div class="row">
                <button type="button" class="btn" data-testid="address-edit" [disabled]="busy()" (click)="openEdit(a)">
                  {{ 'ord.addresses.editShort' | t }}</button>
                @if (!a.isDefault) {
                  <button type="button" class="btn" data-testid="address-set-default" [disabled]="busy()" (click)="setDefault(a)">
                    {{ 'ord.addresses.setDefault' | t }}</button>
                }
                <button type="button" class="btn" data-testid="address-delete" [disabled]="busy()" (click)="confirming.set(a.id)">
                  {{ 'ord.addresses.delete' | t }}</button>
              </div>
            }
          </li>
        }
      </ul>
    }
  `,
})
export class AddressBookPage {
  private readonly api = inject(OrdersApi);

  protected readonly max = MAX_ADDRESSES;
  protected readonly fields = [...ADDRESS_FIELDS];
  protected readonly book = rxResource({ stream: () => this.api.addresses() });
  protected readonly items = computed(() => (this.book.hasValue() ? this.book.value() : []));
  protected readonly full = computed(() => this.items().length >= MAX_ADDRESSES);

  protected readonly editing = signal<Editing | null>(null);
  protected readonly draft = signal<AddressInput>(EMPTY_ADDRESS);
  protected readonly makeDefault = signal(false);
  protected readonly confirming = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  /** The key of the last change's confirmation, read out by the live region. */
  protected readonly done = signal<string | null>(null);

  protected openNew(): void {
    this.reset({ kind: 'new' }, EMPTY_ADDRESS);
  }

  protected openEdit(a: Address): void {
    this.reset({ kind: 'edit', id: a.id }, { recipientName: a.recipientName, phone: a.phone, street: a.street, provinceCode: a.provinceCode, communeCode: a.communeCode });
  }

  protected close(): void {
    this.editing.set(null);
    this.error.set(null);
  }

  protected save(): void {
    const editing = this.editing();
    if (!editing || this.busy()) return;
    const address = this.draft();
    if (editing.kind === 'new') {
      this.run(this.api.createAddress(this.makeDefault() ? { ...address, isDefault: true } : address), 'ord.addresses.added', true);
    } else {
      this.run(this.api.updateAddress(editing.id, address), 'ord.addresses.updated', true);
    }
  }

  protected setDefault(a: Address): void {
    this.run(this.api.makeDefaultAddress(a.id), 'ord.addresses.defaultSet', false);
  }

  protected remove(a: Address): void {
    this.run(this.api.deleteAddress(a.id), 'ord.addresses.deleted', false);
  }

  protected text(a: Address): string {
    return addressText(a);
  }

  protected asError(error: unknown): ApiError {
    return toApiError(error);
  }

  private reset(editing: Editing, draft: AddressInput): void {
    this.editing.set(editing);
    this.draft.set(draft);
    this.makeDefault.set(false);
    this.confirming.set(null);
    this.error.set(null);
    this.done.set(null);
  }

  /** One change at a time; the book is read again after it (the default may have moved). */
  private run(request: Observable<unknown>, doneKey: string, closesForm: boolean): void {
    this.busy.set(true);
    this.error.set(null);
    this.done.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.confirming.set(null);
        if (closesForm) this.editing.set(null);
        this.done.set(doneKey);
        this.book.reload();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.confirming.set(null);
        this.error.set(toApiError(err));
      },
    });
  }
}
