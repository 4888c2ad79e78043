import { TestBed } from '@angular/core/testing';

/**
 * For the dashboard's specs: renders what has arrived and lets resources settle, without `whenStable` (which would
 * wait for every request the test has chosen to leave unanswered).
 */
export async function settle(fixture: { detectChanges(): void }): Promise<void> {
  fixture.detectChanges();
  TestBed.tick();
  await Promise.resolve();
  fixture.detectChanges();
}
