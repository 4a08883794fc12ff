import { parentPort, workerData } from 'node:worker_threads';
import { previewCsv, type CsvPreviewInput } from './csv-preview-thread';

/** The preview thread (see checkCsvForPreview): one file in, its counts and one page out. */
void previewCsv(workerData as CsvPreviewInput).then((output) => parentPort!.postMessage(output));
