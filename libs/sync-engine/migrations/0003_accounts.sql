CREATE TABLE `oauth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `oauth_states_expires` ON `oauth_states` (`expires_at`);--> statement-breakpoint
DROP INDEX `indexes_name_unique`;--> statement-breakpoint
-- Hand-corrected: drizzle-kit 0.31 splits an expression index's SQL at its comma (`coalesce("owner_id"`,` '')`).
CREATE UNIQUE INDEX `indexes_owner_name` ON `indexes` (coalesce(`owner_id`, ''),`name`);--> statement-breakpoint
ALTER TABLE `users` ADD `username` text;--> statement-breakpoint
-- Accounts made before usernames existed sign in with their email as username.
UPDATE `users` SET `username` = `email` WHERE `username` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);
