// Which search results match every word of a query as a whole word. Pagefind matches a word
// of the query as the start of longer words too ("hoe" in "hoekstra"); a result whose words only
// begin with a query word is kept only when no result matches all of them as words.

// Letters and digits form a word ("’s-Hertogenbosch" is "s" and "hertogenbosch").
export const words = (text) => (String(text).toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) || []);

// Pagefind stems Dutch words ("verhalen" finds "verhaal"), so a word is a whole-word match for a
// query word when both start alike and differ in at most an inflection's length at the end.
export const SUFFIX = 3;

export const wholeWord = (word, term) => {
  if (word === term) return true;
  let common = 0;
  while (common < word.length && common < term.length && word[common] === term[common]) common += 1;
  const shorter = Math.min(word.length, term.length);
  return common >= Math.max(shorter - 2, 1) && Math.abs(word.length - term.length) <= SUFFIX && common >= 3;
};

export const matchesAsWords = (query, text) => {
  const present = new Set(words(text));
  return words(query).every((term) => [...present].some((word) => wholeWord(word, term)));
};

// results: [{ text, ... }] in Pagefind's order; the ones that match as words, else all of them.
export const preferWholeWords = (query, results) => {
  const whole = results.filter((result) => matchesAsWords(query, result.text));
  return whole.length ? whole : results;
};
