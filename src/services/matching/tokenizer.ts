import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { Segmenter, Token } from '../../core/matching/analyze';

// The Japanese morphological analyzer behind concern matching: kuromoji with the IPADIC
// dictionary that ships inside its npm package (nothing is downloaded at run time). Loaded once
// per process on first use (about half a second, ~350 MB), shared by every request after that.

let loading: Promise<Segmenter> | null = null;

function dictionaryPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** The segmenter, loading the dictionary the first time. */
export function loadSegmenter(): Promise<Segmenter> {
  if (!loading) {
    loading = new Promise<Segmenter>((resolve, reject) => {
      kuromoji.builder({ dicPath: dictionaryPath() }).build((error, tokenizer) => {
        if (error) {
          loading = null;
          reject(error);
          return;
        }
        resolve((text: string): Token[] =>
          tokenizer.tokenize(text).map((t) => ({
            surface: t.surface_form,
            pos: t.pos,
            pos1: t.pos_detail_1,
            basic: t.basic_form,
            known: t.word_type === 'KNOWN',
            start: t.word_position - 1,
          })),
        );
      });
    });
  }
  return loading;
}
