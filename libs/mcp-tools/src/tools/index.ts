/** Every tool, in the order `tools/list` shows them. */
import type { AnyTool } from '../tool';
import { addAttachmentTool } from './add-attachment';
import { createPageTool } from './create-page';
import { deletePageTool } from './delete-page';
import { getAttachmentsTool } from './get-attachments';
import { getCommentsTool } from './get-comments';
import { getPageTool } from './get-page';
import { getSpacesTool } from './get-spaces';
import { searchPagesTool } from './search-pages';
import { updatePageTool } from './update-page';

export const ALL_TOOLS: readonly AnyTool[] = [
  getPageTool,
  searchPagesTool,
  createPageTool,
  updatePageTool,
  deletePageTool,
  getSpacesTool,
  getCommentsTool,
  getAttachmentsTool,
  addAttachmentTool,
];
