/** The accounts contract (users, OAuth states, index names per owner) on `SqliteSyncStore` with the real migrations. */
import { accountsContract } from './contract/accounts';
import { sqliteFactory } from './contract/sqlite-factory';

accountsContract(sqliteFactory);
