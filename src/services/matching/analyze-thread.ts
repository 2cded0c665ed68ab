import { parentPort } from 'node:worker_threads';
import { analyzeText, termWeights } from '../../core/matching/analyze';
import { loadSegmenter } from './tokenizer';

// The second core's share of reading texts (see analyze-pool.ts): a worker thread with its own
// dictionary that answers each batch of texts with their keys and weights, in order.

type Request = { id: number; texts: string[] };

const port = parentPort;
if (port) {
  const segmenter = loadSegmenter();
  port.on('message', async (request: Request) => {
    try {
      const segment = await segmenter;
      const terms = request.texts.map((text) => [...termWeights(analyzeText(segment, text))]);
      port.postMessage({ id: request.id, terms });
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? error.name : 'Error' });
    }
  });
}
