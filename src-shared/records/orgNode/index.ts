export { orgNodes } from './orgNodeSchema';
export * from './orgNodeKinds';
export { OrgTree, type OrgNode, type OrgTreeNode } from './orgTree';
