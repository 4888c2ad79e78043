import { ElementRef, Injector, afterNextRender } from '@angular/core';

/**
 * After the next render, moves focus (and the screen) to the first field marked `aria-invalid="true"`, so on a long
 * form on a small phone the person sees what to fix instead of a message at the top.
 */
export function focusFirstInvalid(host: ElementRef<HTMLElement>, injector: Injector): void {
  afterNextRender(
    () => {
      const field = host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]');
      field?.focus();
      field?.scrollIntoView?.({ block: 'center' });
    },
    { injector },
  );
}
