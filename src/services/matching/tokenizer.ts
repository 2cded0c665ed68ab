import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { Segmenter, Token } from '../../core/matching/analyze';

// The Japanese morphological analyzer behind concern matching: kuromoji with the IPADIC
// dictionary that ships inside its npm package (nothing is downloaded at run time). Loaded once
// per process on first use (about half a second, ~350 MB), shared by every request after that.
// Its dictionary lookup is replaced by an equal one that reads only as far as a word can reach
// (prefixSearchOf), a quarter of kuromoji's time on a union's texts; and a word's features
// (part of speech, base form), decoded from the dictionary for every word of every text, are
// kept once decoded (rememberFeatures).

let loading: Promise<{ segment: Segmenter; trie: DoubleArrayTrie }> | null = null;

function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** The segmenter, loading the dictionary the first time. */
export async function loadSegmenter(): Promise<Segmenter> {
  return (await loadTokenizer()).segment;
}

/** The dictionary's trie, with its lookup replaced (tests compare it with the original). */
export async function loadDictionaryTrie(): Promise<DoubleArrayTrie> {
  return (await loadTokenizer()).trie;
}

function loadTokenizer() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      kuromoji.builder({ dicPath: dictionaryPath() }).build((error, tokenizer) => {
        if (error) {
          loading = null;
          reject(error);
          return;
        }
        const trie = (tokenizer as unknown as { viterbi_builder: { trie: DoubleArrayTrie } }).viterbi_builder
          .trie;
        trie.commonPrefixSearch = prefixSearchOf(trie);
        rememberFeatures(
          (tokenizer as unknown as { token_info_dictionary: FeatureSource }).token_info_dictionary,
        );
        const segment = (text: string): Token[] =>
          tokenizer.tokenize(text).map((t) => ({
            surface: t.surface_form,
            pos: t.pos,
            pos1: t.pos_detail_1,
            basic: t.basic_form,
            known: t.word_type === 'KNOWN',
            start: t.word_position - 1,
          }));
        resolve({ segment, trie });
      });
    });
  }
  return loading;
}

/** The dictionary's feature lookup (kuromoji's TokenInfoDictionary). */
type FeatureSource = { getFeatures(id: number | string): string };

/** Distinct words whose features are kept (a union's texts use a few tens of thousands). */
const FEATURES_KEPT = 50_000;

/** Keeps each word's decoded features (a pure function of its id) instead of decoding them again. */
function rememberFeatures(source: FeatureSource) {
  const decode = source.getFeatures.bind(source);
  const kept = new Map<number | string, string>();
  source.getFeatures = (id) => {
    let features = kept.get(id);
    if (features === undefined) {
      features = decode(id);
      if (kept.size >= FEATURES_KEPT) kept.clear();
      kept.set(id, features);
    }
    return features;
  };
}

type Match = { k: string; v?: number };

/** The part of kuromoji's double-array trie (the doublearray package) the lookup uses. */
export type DoubleArrayTrie = {
  bc: { getBase(index: number): number; getCheck(index: number): number };
  commonPrefixSearch(key: string): Match[];
};

/**
 * The trie's common prefix search, with the same results: every dictionary word that begins
 * `key`, shortest first, with its record. kuromoji calls it at each position of a sentence with
 * the whole rest of the sentence, which the original encodes to UTF-8 and copies in full (the
 * sentence's length squared); this encodes one character at a time and stops where no word goes
 * on. Keys with a broken surrogate pair go to the original (which fails on them as before).
 */
export function prefixSearchOf(trie: DoubleArrayTrie): (key: string) => Match[] {
  const original = trie.commonPrefixSearch.bind(trie);
  const { bc } = trie;
  const bytes = [0, 0, 0, 0];
  return (key: string): Match[] => {
    const result: Match[] = [];
    let node = 0; // the root
    for (let i = 0; i < key.length; ) {
      let code = key.charCodeAt(i);
      let width = 1;
      if (code >= 0xd800 && code <= 0xdbff) {
        const low = key.charCodeAt(i + 1);
        if (!(low >= 0xdc00 && low <= 0xdfff)) return original(key);
        code = (code - 0xd800) * 0x400 + 0x10000 + (low - 0xdc00);
        width = 2;
      }
      let n: number;
      if (code < 0x80) {
        bytes[0] = code;
        n = 1;
      } else if (code < 0x800) {
        bytes[0] = (code >>> 6) | 0xc0;
        bytes[1] = (code & 0x3f) | 0x80;
        n = 2;
      } else if (code < 0x10000) {
        bytes[0] = (code >>> 12) | 0xe0;
        bytes[1] = ((code >> 6) & 0x3f) | 0x80;
        bytes[2] = (code & 0x3f) | 0x80;
        n = 3;
      } else {
        bytes[0] = (code >>> 18) | 0xf0;
        bytes[1] = ((code >> 12) & 0x3f) | 0x80;
        bytes[2] = ((code >> 6) & 0x3f) | 0x80;
        bytes[3] = (code & 0x3f) | 0x80;
        n = 4;
      }
      for (let b = 0; b < n; b++) {
        const child = bc.getBase(node) + bytes[b]!;
        if (bc.getCheck(child) !== node) return result;
        node = child;
      }
      i += width;
      // A word ends here when the node has a child by the terminal code (0).
      const leaf = bc.getBase(node);
      if (bc.getCheck(leaf) === node) {
        const base = bc.getBase(leaf);
        result.push(base <= 0 ? { v: -base - 1, k: key.slice(0, i) } : { k: key.slice(0, i) });
      }
    }
    return result;
  };
}
