import { IMAGE_LOADER, type ImageLoaderConfig } from '@angular/common';
import type { Provider } from '@angular/core';
import type { PhotoVariant } from '@nss/contracts';

/** `loaderParams` of a product photo shown with NgOptimizedImage: the WebP sizes the API lists for it. */
export interface PhotoLoaderParams {
  variants: readonly PhotoVariant[];
}

/**
 * NgOptimizedImage loader for product photos: a srcset width is the URL of the WebP size of that width (the API names
 * them, their keys are random); without a width (the `src`) the URL given in `ngSrc`.
 */
export function photoLoader(config: ImageLoaderConfig): string {
  const variants = (config.loaderParams as PhotoLoaderParams | undefined)?.variants ?? [];
  const variant = config.width ? variants.find((v) => v.width === config.width) : undefined;
  return variant?.url ?? config.src;
}

/** Provide in the components showing product photos. */
export const PHOTO_LOADER: Provider = { provide: IMAGE_LOADER, useValue: photoLoader };

/** `ngSrcset` of a photo: the widths of its WebP sizes (`320w, 1024w`); '' while it has none. */
export function photoSrcset(variants: readonly PhotoVariant[]): string {
  return variants.map((v) => `${v.width}w`).join(', ');
}
