import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { FunnelCounts } from '@nss/contracts';
import { TranslatePipe } from '@nss/web-data-access';
import { PageHeaderComponent } from '@nss/web-ui';
import { catchError, map, of } from 'rxjs';
import { AgentApi } from '../../data/agent.api';

const STEPS: readonly (keyof FunnelCounts)[] = ['trained', 'account', 'verified', 'firstListing', 'firstSale'];

/** `/agent`: the agent's three jobs, and the province's onboarding funnel for encouragement. */
@Component({
  selector: 'nss-agent-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, PageHeaderComponent],
  styleUrl: '../../../seller/ui/form.css',
  styles: `
    nav .btn { width: 100%; margin: 0 0 10px; box-sizing: border-box; }
    dl { display: grid; grid-template-columns: 1fr auto; gap: 6px 12px; margin: 0; }
    dd { margin: 0; font-weight: 700; text-align: right; }
  `,
  template: `
    <nss-page-header [title]="'agent.home.title' | t" [subtitle]="'agent.home.intro' | t" />
    <nav aria-label="Agent">
      <a class="btn primary" routerLink="register" data-testid="nav-agent-register">{{ 'agent.nav.register' | t }}</a>
      <a class="btn" routerLink="households" data-testid="nav-agent-households">{{ 'agent.nav.households' | t }}</a>
      <a class="btn" routerLink="training" data-testid="nav-agent-training">{{ 'agent.nav.training' | t }}</a>
      <a class="btn" routerLink="/nguoi-ban/don-hang" data-testid="nav-agent-orders">{{ 'agent.nav.orders' | t }}</a>
    </nav>
    @if (funnel(); as counts) {
      <section class="card" aria-labelledby="funnel-title">
        <h2 id="funnel-title">{{ 'agent.funnel.title' | t }}</h2>
        <dl>
          @for (step of steps; track step) {
            <dt>{{ 'agent.funnel.' + step | t }}</dt>
            <dd>{{ counts[step] }}</dd>
          }
        </dl>
      </section>
    }
  `,
})
export class AgentHomePage {
  protected readonly steps = STEPS;
  protected readonly funnel = toSignal(
    inject(AgentApi)
      .funnel()
      .pipe(
        map((f) => f.counts),
        catchError(() => of(null)),
      ),
    { initialValue: null },
  );
}
