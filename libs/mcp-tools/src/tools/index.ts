/** Every tool, in the order `tools/list` shows them. */
import type { AnyTool } from '../tool';
import { addAttachmentTool } from './add-attachment';
import { addCommentTool } from './add-comment';
import { createPageTool } from './create-page';
import { deletePageTool } from './delete-page';
import { diffPageVersionsTool } from './diff-page-versions';
import { downloadAttachmentTool } from './download-attachment';
import { getAttachmentsTool } from './get-attachments';
import { getCommentsTool } from './get-comments';
import { getPageTool } from './get-page';
import { getPageVersionsTool } from './get-page-versions';
import { getSpacesTool } from './get-spaces';
import { replacePageSectionTool } from './replace-page-section';
import { searchIndexTool } from './search-index';
import { searchPagesTool } from './search-pages';
import { updatePageTool } from './update-page';
import { addLabelsTool } from './add-labels';
import { getCurrentUserTool } from './get-current-user';
import { getLabelsTool } from './get-labels';
import { getPageAncestorsTool } from './get-page-ancestors';
import { getPageChildrenTool } from './get-page-children';
import { getSpacePageTreeTool } from './get-space-page-tree';
import { movePageTool } from './move-page';
import { removeLabelTool } from './remove-label';
import { searchUsersTool } from './search-users';

export const ALL_TOOLS: readonly AnyTool[] = [
  getPageTool,
  searchPagesTool,
  searchIndexTool,
  createPageTool,
  updatePageTool,
  deletePageTool,
  getSpacesTool,
  getCommentsTool,
  getAttachmentsTool,
  addAttachmentTool,
  addCommentTool,
  getPageVersionsTool,
  diffPageVersionsTool,
  replacePageSectionTool,
  downloadAttachmentTool,
  getPageChildrenTool,
  getPageAncestorsTool,
  getSpacePageTreeTool,
  movePageTool,
  getLabelsTool,
  addLabelsTool,
  removeLabelTool,
  getCurrentUserTool,
  searchUsersTool,
];
