import { runSyncBench } from './syncBench';
console.log(await runSyncBench());
