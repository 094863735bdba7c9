/** The run-queue contract (queued runs, reclaiming abandoned ones) on `SqliteSyncStore` with the real migrations. */
import { runsQueueContract } from './contract/runs-queue';
import { sqliteFactory } from './contract/sqlite-factory';

runsQueueContract(sqliteFactory);
