// A price list version's search vocabulary: its rows' distinct words (searchWordsOf), numbered
// 1..N in the order first seen. A row stores its words' ids ("PriceListItem"."searchWords", an
// int[] under a plain GIN index) and the words themselves are stored once per version
// ("PriceListWord"). A GIN index over a few integers per row builds ~7× faster than the trigram
// index over the row's text did (100k rows: 0.2 s against 1.5 s), and the search box's substring
// match moves to the vocabulary, a few thousand words instead of every row (./price-search-sql.ts).
// Pure: the import's worker, the demo seed and the tests use it.
import { copyText } from "../database/sql-text";

export class PriceWordVocabulary {
  private readonly ids = new Map<string, number>();
  /** The words in id order: words[id - 1] is word `id`. */
  readonly words: string[] = [];

  /** The id of `word`, numbering it when it is new. */
  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  /** The ids of a row's `words` (distinct words in, distinct ids out). */
  idsOf(words: readonly string[]): number[] {
    const ids = new Array<number>(words.length);
    for (let i = 0; i < words.length; i++) ids[i] = this.idOf(words[i]);
    return ids;
  }

  /** The ids of a row's `words` as an array literal in COPY's text format: `{3,17,42}`. */
  copyArrayOf(words: readonly string[]): string {
    let literal = "{";
    for (let i = 0; i < words.length; i++) literal += i === 0 ? String(this.idOf(words[i])) : `,${this.idOf(words[i])}`;
    return `${literal}}`;
  }
}

/** COPY text of a vocabulary (`words[i]` has id i + 1) for "PriceListWord" ("id", "word"). */
export function priceWordsCopyText(words: readonly string[]): string {
  const lines = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) lines[i] = `${i + 1}\t${copyText(words[i])}`;
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
