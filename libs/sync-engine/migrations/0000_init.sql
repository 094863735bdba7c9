CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`site_url` text NOT NULL,
	`flavor` text NOT NULL,
	`auth_kind` text NOT NULL,
	`secret` text NOT NULL,
	`token_expires_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_user_name` ON `connections` (`user_id`,`name`);--> statement-breakpoint
CREATE TABLE `indexes` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`owner_id` text,
	`connection_id` text,
	`site_url` text NOT NULL,
	`spaces` text NOT NULL,
	`destination` text NOT NULL,
	`destination_config` text DEFAULT '{}' NOT NULL,
	`interval_minutes` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indexes_name_unique` ON `indexes` (`name`);--> statement-breakpoint
CREATE TABLE `leases` (
	`index_id` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`index_id`) REFERENCES `indexes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `local_chunks` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`index_id` text NOT NULL,
	`page_id` text NOT NULL,
	`space_key` text NOT NULL,
	`title` text NOT NULL,
	`url` text NOT NULL,
	`heading_path` text NOT NULL,
	`text` text NOT NULL,
	`metadata` text NOT NULL,
	FOREIGN KEY (`index_id`) REFERENCES `indexes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `local_chunks_id_unique` ON `local_chunks` (`id`);--> statement-breakpoint
CREATE INDEX `local_chunks_index_page` ON `local_chunks` (`index_id`,`page_id`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`index_id` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`listed` integer DEFAULT 0 NOT NULL,
	`new` integer DEFAULT 0 NOT NULL,
	`changed` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`duration_ms` integer,
	`error` text,
	FOREIGN KEY (`index_id`) REFERENCES `indexes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_runs_index_started` ON `sync_runs` (`index_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `synced_pages` (
	`index_id` text NOT NULL,
	`page_id` text NOT NULL,
	`space_key` text NOT NULL,
	`version` integer NOT NULL,
	`parent_id` text,
	`position` integer,
	`title` text NOT NULL,
	`ancestry` text DEFAULT '' NOT NULL,
	`content_hash` text NOT NULL,
	`chunk_ids` text NOT NULL,
	`pending_chunk_ids` text,
	`synced_at` integer NOT NULL,
	PRIMARY KEY(`index_id`, `page_id`),
	FOREIGN KEY (`index_id`) REFERENCES `indexes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);