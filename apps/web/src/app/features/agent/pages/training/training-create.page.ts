import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { ApiError } from '@nss/contracts';
import { AuthSession, I18n, TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, FieldErrorComponent, PageHeaderComponent } from '@nss/web-ui';
import { catchError, of } from 'rxjs';
import { AdminUnitsApi } from '../../../seller/data/admin-units.api';
import type { Commune } from '../../../seller/data/seller.models';
import { focusFirstInvalid } from '../../../seller/ui/focus-first-invalid';
import { AgentApi } from '../../data/agent.api';
import { checkTraining, emptyTrainingForm, toFormPath, toTrainingRequest, type TrainingProblem } from '../../forms/training';

/** `/agent/training/new`: date, commune of the agent's province, topics and attendees (name, optional phone). */
@Component({
  selector: 'nss-training-create-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent, FieldErrorComponent],
  styleUrl: '../../../seller/ui/form.css',
  templateUrl: './training-create.page.html',
  styles: `.attendee { border-top: 1px solid #ddd; padding-top: 8px; }`,
})
export class TrainingCreatePage {
  private readonly api = inject(AgentApi);
  private readonly host = inject(ElementRef);
  private readonly injector = inject(Injector);
  private readonly i18n = inject(I18n);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly provinceCode = inject(AuthSession).user()?.provinceCode ?? null;

  private readonly initial = emptyTrainingForm(new Date());
  protected readonly form = this.fb.group({
    date: this.initial.date,
    communeCode: '',
    topics: '',
    attendees: this.fb.array([this.attendeeRow()]),
  });
  protected readonly communes = toSignal(
    this.provinceCode
      ? inject(AdminUnitsApi).communesOf(this.provinceCode).pipe(catchError(() => of([] as Commune[])))
      : of([] as Commune[]),
    { initialValue: [] as Commune[] },
  );
  protected readonly error = signal<ApiError | null>(null);
  protected readonly problems = signal<Record<string, TrainingProblem>>({});
  protected readonly busy = signal(false);
  /** Issue paths the page shows next to a field (the rest go to the error box). */
  protected readonly shownPaths = computed(() => (this.error()?.issues ?? []).map((i) => i.path).filter((p) => this.isShown(p)));

  protected get attendees(): FormArray {
    return this.form.controls.attendees;
  }

  private attendeeRow() {
    return this.fb.group({ name: '', phone: '' });
  }

  protected addAttendee(): void {
    this.attendees.push(this.attendeeRow());
  }

  protected removeAttendee(index: number): void {
    this.attendees.removeAt(index);
    if (this.attendees.length === 0) this.addAttendee();
  }

  protected problem(path: string): string | null {
    const problem = this.problems()[path];
    if (!problem) return null;
    return this.i18n.t(problem === 'phone' ? 'seller.register.problem.phone' : 'seller.common.required');
  }

  protected invalid(path: string): boolean {
    return !!this.problems()[path] || !!this.error()?.issues?.some((i) => i.path === path);
  }

  private isShown(path: string): boolean {
    return ['date', 'communeCode', 'topics', 'attendees'].includes(path) || /^(topics|attendees)\.\d+/.test(path);
  }

  protected submit(): void {
    if (this.busy()) return;
    const value = this.form.getRawValue();
    const problems = checkTraining(value);
    this.problems.set(problems);
    this.error.set(null);
    if (Object.keys(problems).length) return focusFirstInvalid(this.host, this.injector);
    const { body, rowIndex } = toTrainingRequest(value);
    this.busy.set(true);
    this.api.createTrainingSession(body).subscribe({
      next: () => void this.router.navigate(['..'], { relativeTo: this.route, queryParams: { saved: 1 } }),
      error: (err: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(err);
        // Row numbers in the request skip empty rows; put each issue back on the row it belongs to.
        const issues = apiError.issues?.map((i) => ({ ...i, path: toFormPath(i.path, rowIndex) }));
        this.error.set(issues ? { ...apiError, issues } : apiError);
        focusFirstInvalid(this.host, this.injector);
      },
    });
  }
}
