import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslatePipe } from '@nss/web-data-access';

/** The header search box: submitting goes to `/search?q=…` (keeps in step with the URL on the search page). */
@Component({
  selector: 'nss-search-box',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form role="search" class="search" action="/search" method="get" (submit)="submit($event)">
      <label for="search-input" class="sr-only">{{ 'shell.search.label' | t }}</label>
      <input id="search-input" name="q" type="search" enterkeyhint="search" autocomplete="off"
        data-testid="search-input" [value]="q()" (input)="q.set(input.value)" #input
        [placeholder]="'shell.search.placeholder' | t" />
      <button type="submit" data-testid="search-submit" [attr.aria-label]="'shell.search.submit' | t">
        <span aria-hidden="true">🔍</span>
      </button>
    </form>
  `,
  styles: `
    .search { display: flex; width: 100%; }
    input { flex: 1; min-width: 0; min-height: 44px; padding: 0 12px; font: inherit; font-size: 16px;
      border: 0; border-radius: 8px 0 0 8px; }
    button { min-width: 48px; min-height: 44px; border: 0; border-radius: 0 8px 8px 0; background: #ffd54f;
      font-size: 1.1rem; cursor: pointer; }
  `,
})
export class SearchBoxComponent {
  private readonly router = inject(Router);
  protected readonly q = signal('');

  constructor() {
    // Show the current query when the page was opened on /search?q=…
    inject(ActivatedRoute)
      .queryParamMap.pipe(takeUntilDestroyed())
      .subscribe((params) => {
        if (this.router.url.startsWith('/search')) this.q.set(params.get('q') ?? '');
      });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const q = this.q().trim();
    void this.router.navigate(['/search'], { queryParams: q ? { q } : {} });
  }
}
