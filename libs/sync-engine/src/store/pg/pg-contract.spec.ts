/**
 * The store contracts (core, accounts, run queue) on `PgSyncStore`, on a real PostgreSQL with the real migrations,
 * plus what is PostgreSQL's own: migrations applied once under concurrent starts, errors without query parameters.
 */
import { accountsContract } from '../contract/accounts';
import { runsQueueContract } from '../contract/runs-queue';
import { storeCoreContract } from '../contract/store-core';
import { pgStoreFactory } from './test-factory';

const factory = pgStoreFactory();

describe('core', () => storeCoreContract(factory));
describe('accounts', () => accountsContract(factory));
describe('run queue', () => runsQueueContract(factory));
