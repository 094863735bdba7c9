-- The local sink's full-text index over local_chunks (external content: the text is stored once).
-- porter + unicode61: English stemming on top of Unicode-aware word splitting and case folding.
CREATE VIRTUAL TABLE `local_chunks_fts` USING fts5(title, heading_path, text, content='local_chunks', content_rowid='seq', tokenize='porter unicode61');
--> statement-breakpoint
CREATE TRIGGER `local_chunks_ai` AFTER INSERT ON `local_chunks` BEGIN
  INSERT INTO local_chunks_fts(rowid, title, heading_path, text) VALUES (new.seq, new.title, new.heading_path, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `local_chunks_ad` AFTER DELETE ON `local_chunks` BEGIN
  INSERT INTO local_chunks_fts(local_chunks_fts, rowid, title, heading_path, text) VALUES ('delete', old.seq, old.title, old.heading_path, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER `local_chunks_au` AFTER UPDATE ON `local_chunks` BEGIN
  INSERT INTO local_chunks_fts(local_chunks_fts, rowid, title, heading_path, text) VALUES ('delete', old.seq, old.title, old.heading_path, old.text);
  INSERT INTO local_chunks_fts(rowid, title, heading_path, text) VALUES (new.seq, new.title, new.heading_path, new.text);
END;
