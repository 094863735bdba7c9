DROP INDEX `local_chunks_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `local_chunks_index_chunk` ON `local_chunks` (`index_id`,`id`);