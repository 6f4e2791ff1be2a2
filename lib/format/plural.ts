// Counts in words for people. Pure.

/** "1 event", "2 events": the noun as given for many, without its final "s" for one. */
export function countLabel(count: number, pluralNoun: string): string {
  const noun = count === 1 && pluralNoun.endsWith("s") ? pluralNoun.slice(0, -1) : pluralNoun;
  return `${count.toLocaleString("en-US")} ${noun}`;
}
