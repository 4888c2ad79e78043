import { ChangeDetectionStrategy, Component, OnInit, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ApiError, TrainingSessionDto } from '@nss/contracts';
import { TranslatePipe, toApiError } from '@nss/web-data-access';
import { ErrorBoxComponent, PageHeaderComponent } from '@nss/web-ui';
import { formatDay } from '../../../seller/forms/product';
import { AgentApi } from '../../data/agent.api';

/** `/agent/training`: training sessions recorded in the agent's province, newest first. */
@Component({
  selector: 'nss-training-list-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, PageHeaderComponent, ErrorBoxComponent],
  styleUrl: '../../../seller/ui/form.css',
  styles: `.session h2 { font-size: 1.05rem; margin: 0 0 4px; }`,
  template: `
    <nss-page-header [title]="'agent.training.title' | t">
      <a class="btn" routerLink="new" data-testid="training-new">{{ 'agent.training.new' | t }}</a>
    </nss-page-header>
    @if (saved()) {
      <p class="notice" role="status">{{ 'agent.training.saved' | t }}</p>
    }
    <nss-error-box [error]="error()" />
    <ul class="list">
      @for (s of sessions(); track s.id) {
        <li class="card session" [attr.data-testid]="'training-' + s.id">
          <h2>{{ day(s.date) }} · {{ s.communeName }}</h2>
          <p>{{ s.topics.join('; ') }}</p>
          <p class="muted">
            {{ 'agent.training.attendees' | t: { n: s.attendeeCount } }} ·
            {{ 'agent.training.matched' | t: { n: s.matchedSellerCount } }}
          </p>
        </li>
      } @empty {
        @if (!loading()) {
          <li class="muted">{{ 'agent.training.empty' | t }}</li>
        }
      }
    </ul>
    @if (loading()) {
      <p role="status">{{ 'seller.common.loading' | t }}</p>
    } @else if (sessions().length < total()) {
      <button type="button" class="btn" (click)="load(page() + 1)">{{ 'agent.households.more' | t }}</button>
    }
  `,
})
export class TrainingListPage implements OnInit {
  private readonly api = inject(AgentApi);

  /** `?saved=1` after recording a session. */
  readonly saved = input<string | undefined>(undefined);

  protected readonly sessions = signal<TrainingSessionDto[]>([]);
  protected readonly total = signal(0);
  protected readonly page = signal(1);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly day = formatDay;

  ngOnInit(): void {
    this.load(1);
  }

  protected load(page: number): void {
    this.loading.set(true);
    this.api.trainingSessions({ page }).subscribe({
      next: (result) => {
        this.loading.set(false);
        this.page.set(result.page);
        this.total.set(result.total);
        this.sessions.set(page === 1 ? result.items : [...this.sessions(), ...result.items]);
      },
      error: (err: unknown) => {
        this.loading.set(false);
        this.error.set(toApiError(err));
      },
    });
  }
}
