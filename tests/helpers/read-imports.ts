import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root (this file is tests/helpers/read-imports.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One import of a source file, as the architecture test sees it. */
export interface ImportEdge {
  /** The importing file, relative to the repository root (`src/feed/xml/parse-feed.ts`). */
  from: string;
  /** A relative import resolved to a repository path (`src/core/model/text.ts`), else the package specifier (`minisearch/SearchableMap`). */
  target: string;
  /** True for a relative import, false for a package or `node:` module. */
  local: boolean;
  /** `import type`, `export type`, `import { type A, type B }` or `import('x').T` in a type position: gone after compilation. */
  typeOnly: boolean;
}

/** Every `.ts` file under the given folders of the repository, as repository-relative paths with `/`. */
export function sourceFiles(folders: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
  return folders.flatMap(walk).sort();
}

/** The static imports and re-exports, dynamic `import()`s and `import('x')` types of one file. */
export function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean): void => {
    if (specifier && ts.isStringLiteralLike(specifier)) edges.push(edge(file, specifier.text, typeOnly));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, importIsTypeOnly(node.importClause));
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, exportIsTypeOnly(node));
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function importIsTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import './side-effect.ts'`
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function exportIsTypeOnly(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const named = node.exportClause;
  return !!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function edge(from: string, specifier: string, typeOnly: boolean): ImportEdge {
  if (!specifier.startsWith('.')) return { from, target: specifier, local: false, typeOnly };
  const absolute = join(REPO_ROOT, dirname(from), specifier);
  const resolved = [absolute, absolute.replace(/\.js$/, '.ts'), `${absolute}.ts`, join(absolute, 'index.ts')].find(isFile) ?? absolute;
  return { from, target: relative(REPO_ROOT, resolved).split('\\').join('/'), local: true, typeOnly };
}

const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
