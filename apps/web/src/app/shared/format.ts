/** "500 g", "1 kg", "1,5 kg": net weight per unit, Vietnamese decimal comma. */
export function formatWeight(grams: number): string {
  if (grams < 1000) return `${grams} g`;
  const kg = Math.round(grams / 10) / 100;
  return `${kg.toString().replace('.', ',')} kg`;
}
