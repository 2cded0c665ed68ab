// Re-exported from here so that openapi-typescript resolves its peer `typescript` to the
// 5.x installed beside it, not to the project's TypeScript 7 (native, without a JS API).
export { astToString, default } from 'openapi-typescript';
