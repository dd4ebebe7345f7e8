/** A label map from shared/domain/codes.ts as Select/Radio data, keeping the key type. */
export function optionsOf<K extends string>(map: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(map) as K[]).map((value) => ({ value, label: map[value] }));
}
