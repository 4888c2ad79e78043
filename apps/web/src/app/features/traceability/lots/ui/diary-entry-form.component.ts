import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { ApiError } from '@nss/contracts';
import { I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent } from '@nss/web-ui';
import type { Commune } from '../../../seller/data/seller.models';
import { newClientId } from '../data/client-id';
import { DiaryOutbox, type DiarySubmission } from '../data/diary-outbox';
import { DIARY_TYPES, type CreateDiaryEntryRequest, type DiaryEntry, type DiaryType, type Lot } from '../data/lots.models';
import { fromVnLocalInput, toVnLocalInput } from '../data/vn-time';

const SHOWN = ['type', 'at', 'place.text', 'place.communeCode', 'note', 'inputs'];

/**
 * "Add diary entry": type, time (Vietnam time), place, note and — for processing — the lots that went in. The entry's
 * `clientId` is made here, on the device, when the draft starts, and kept until the entry is stored: pressing save
 * again after a failed send resends the same entry, which the server stores once. Sending goes through DiaryOutbox,
 * which keeps the entry on the device first: offline, or with no answer, it is `queued` ("waiting to send") and the
 * form starts the next entry; only a refusal (4xx) comes back here, shown on the fields, with the draft kept.
 */
@Component({
  selector: 'nss-diary-entry-form',
  imports: [ReactiveFormsModule, TranslatePipe, ErrorBoxComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './lots.css',
  styles: `:host { padding: 0; max-width: none; }`,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate data-testid="diary-form" [attr.data-client-id]="clientId()">
      <nss-error-box [error]="error()" [shownPaths]="shown" />
      <div class="two">
        <div class="field">
          <label for="diary-type">{{ 'lot.diary.type' | t }}</label>
          <select id="diary-type" formControlName="type" data-testid="diary-type" aria-describedby="diary-type-error" [attr.aria-invalid]="invalid('type')">
            <option value="">{{ 'lot.common.choose' | t }}</option>
            @for (t of types; track t) { <option [value]="t">{{ 'lot.type.' + t | t }}</option> }
          </select>
          <nss-field-error id="diary-type-error" path="type" [error]="error()" [message]="missing('type')" />
        </div>
        <div class="field">
          <label for="diary-at">{{ 'lot.diary.at' | t }}</label>
          <input id="diary-at" type="datetime-local" formControlName="at" data-testid="diary-at" aria-describedby="diary-at-error"
            [attr.aria-invalid]="invalid('at')" />
          <nss-field-error id="diary-at-error" path="at" [error]="error()" [message]="badTime()" />
        </div>
      </div>
      <div class="field">
        <label for="diary-place">{{ 'lot.diary.place' | t }}</label>
        <input id="diary-place" formControlName="place" data-testid="diary-place" maxlength="200" [placeholder]="'lot.diary.placeHint' | t"
          aria-describedby="diary-place-error" [attr.aria-invalid]="invalid('place.text')" />
        <nss-field-error id="diary-place-error" path="place.text" [error]="error()" [message]="missing('place')" />
      </div>
      @if (communes().length) {
        <div class="field">
          <label for="diary-commune">{{ 'lot.diary.commune' | t }}</label>
          <select id="diary-commune" formControlName="communeCode" data-testid="diary-commune" aria-describedby="diary-commune-error">
            <option value="">{{ 'lot.common.choose' | t }}</option>
            @for (c of communes(); track c.code) { <option [value]="c.code">{{ c.name }}</option> }
          </select>
          <nss-field-error id="diary-commune-error" path="place.communeCode" [error]="error()" />
        </div>
      }
      @if (processing()) {
        <fieldset data-testid="diary-inputs-field">
          <legend>{{ 'lot.diary.inputs' | t }}</legend>
          @for (lot of candidates(); track lot.id) {
            <label class="check">
              <input type="checkbox" [checked]="chosen()[lot.id] !== undefined" (change)="toggleInput(lot.id)" [attr.data-testid]="'diary-input-' + lot.code" />
              <span>{{ lot.code }} · {{ lot.productName }}</span>
            </label>
            @if (chosen()[lot.id] !== undefined) {
              <div class="field">
                <label [for]="'diary-input-qty-' + lot.id">{{ 'lot.diary.inputQuantity' | t: { code: lot.code } }} ({{ 'lot.unit.' + lot.unit | t }})</label>
                <input [id]="'diary-input-qty-' + lot.id" type="number" inputmode="decimal" min="0" step="any" [value]="chosen()[lot.id] ?? ''"
                  (input)="setQuantity(lot.id, $event)" [attr.data-testid]="'diary-input-qty-' + lot.code" />
              </div>
            }
          } @empty {
            <p class="muted">{{ 'lot.diary.noInputs' | t }}</p>
          }
          <nss-field-error path="inputs" [error]="error()" />
          @for (issue of inputIssues(); track issue) { <span class="field-error" role="alert">{{ issue }}</span> }
        </fieldset>
      }
      <div class="field">
        <label for="diary-note">{{ 'lot.diary.note' | t }}</label>
        <textarea id="diary-note" formControlName="note" data-testid="diary-note" maxlength="2000"></textarea>
        <nss-field-error path="note" [error]="error()" />
      </div>
      @if (notice(); as n) {
        <p class="notice" [class.waiting]="n !== 'lot.diary.sent'" role="status" data-testid="diary-notice" [attr.data-state]="n">{{ n | t }}</p>
      }
      <button type="submit" class="btn btn-primary" data-testid="diary-submit" [disabled]="saving()">
        {{ (saving() ? 'lot.common.saving' : 'lot.diary.submit') | t }}</button>
    </form>
  `,
})
export class DiaryEntryFormComponent {
  private readonly outbox = inject(DiaryOutbox);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18n);

  readonly lotId = input.required<string>();
  /** The seller's other lots, for a processing entry's inputs. */
  readonly candidates = input<readonly Lot[]>([]);
  /** Communes of the lot's province, for the optional place commune. */
  readonly communes = input<readonly Pick<Commune, 'code' | 'name'>[]>([]);
  /** The server stored the entry (or had it already). */
  readonly recorded = output<DiaryEntry>();
  /** The outbox kept the entry on the device to send later. */
  readonly queued = output<DiarySubmission & { state: 'queued' }>();

  protected readonly types = DIARY_TYPES;
  protected readonly shown = SHOWN;
  /** The id of the entry being written; a new one only once the entry is stored (or queued). */
  protected readonly clientId = signal(newClientId());
  /** Chosen input lots and the amount used of each (null: not said). */
  protected readonly chosen = signal<Record<string, number | null>>({});
  protected readonly saving = signal(false);
  protected readonly tried = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal<'lot.diary.sent' | 'lot.diary.queued' | 'lot.diary.failed' | null>(null);

  protected readonly form = this.fb.group({
    type: '' as DiaryType | '',
    at: toVnLocalInput(new Date()),
    place: '',
    communeCode: '',
    note: '',
  });
  private readonly type = signal<DiaryType | ''>('');
  protected readonly processing = computed(() => this.type() === 'processing');
  protected readonly inputIssues = computed(() =>
    (this.error()?.issues ?? []).filter((i) => i.path.startsWith('inputs.')).map((i) => this.i18n.pick(i.message)),
  );

  constructor() {
    this.form.controls.type.valueChanges.subscribe((type) => this.type.set(type));
  }

  protected missing(field: 'type' | 'place'): string | null {
    return this.tried() && !this.form.controls[field].value.trim() ? this.i18n.t('lot.create.required') : null;
  }

  protected badTime(): string | null {
    return this.tried() && !fromVnLocalInput(this.form.controls.at.value) ? this.i18n.t('lot.diary.invalidTime') : null;
  }

  protected invalid(path: string): boolean | null {
    const fromApi = (this.error()?.issues ?? []).some((i) => i.path === path);
    const local = (path === 'type' && this.missing('type')) || (path === 'place.text' && this.missing('place')) || (path === 'at' && this.badTime());
    return fromApi || local ? true : null;
  }

  protected toggleInput(lotId: string): void {
    this.chosen.update((all) => {
      const next = { ...all };
      if (lotId in next) delete next[lotId];
      else next[lotId] = null;
      return next;
    });
  }

  protected setQuantity(lotId: string, event: Event): void {
    const raw = (event.target as HTMLInputElement).value;
    const value = raw === '' ? null : Number(raw);
    this.chosen.update((all) => ({ ...all, [lotId]: value !== null && Number.isFinite(value) ? value : null }));
  }

  /** The entry as the API takes it, or null while a required field is missing. */
  protected draft(): CreateDiaryEntryRequest | null {
    const v = this.form.getRawValue();
    const at = fromVnLocalInput(v.at);
    if (!v.type || !v.place.trim() || !at) return null;
    const inputs = v.type === 'processing' ? Object.entries(this.chosen()).map(([lotId, quantity]) => (quantity === null ? { lotId } : { lotId, quantity })) : [];
    return {
      clientId: this.clientId(),
      type: v.type,
      at,
      place: { text: v.place.trim(), ...(v.communeCode ? { communeCode: v.communeCode } : {}) },
      ...(v.note.trim() ? { note: v.note.trim() } : {}),
      ...(inputs.length ? { inputs } : {}),
    };
  }

  protected async submit(): Promise<void> {
    this.tried.set(true);
    const draft = this.draft();
    if (!draft || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    this.notice.set(null);
    try {
      const result = await this.outbox.submit(this.lotId(), draft);
      if (result.state === 'sent') {
        this.recorded.emit(result.entry);
        this.notice.set('lot.diary.sent');
      } else {
        this.queued.emit(result);
        this.notice.set('lot.diary.queued');
      }
      this.startNext();
    } catch (err: unknown) {
      // Not kept (the device could not store it and the send failed) or refused: keep the draft and its clientId, so
      // saving again is a safe resend.
      const unreachable = err instanceof HttpErrorResponse && (err.status === 0 || err.status >= 500);
      if (unreachable) this.notice.set('lot.diary.failed');
      else this.error.set(toApiError(err));
    } finally {
      this.saving.set(false);
    }
  }

  /** A fresh draft with a new clientId; the type and place stay (the next entry is often the same work, same place). */
  private startNext(): void {
    this.clientId.set(newClientId());
    this.tried.set(false);
    this.chosen.set({});
    this.form.patchValue({ at: toVnLocalInput(new Date()), note: '' });
  }
}
