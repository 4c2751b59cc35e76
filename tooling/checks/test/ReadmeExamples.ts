// The code blocks of a README that checks compile and run: ```ts example=PATH holds a program,
// ```text output=PATH what the README says it prints. PATH is where the program goes in the consumer.

/** One marked block: the file it names and its text. */
export interface Block {
  readonly path: string
  readonly text: string
}

const fenced = (kind: "example" | "output", markdown: string): ReadonlyArray<Block> =>
  [...markdown.matchAll(new RegExp(`^\`\`\`\\w+ ${kind}=(\\S+)\\n([\\s\\S]*?)^\`\`\`$`, "gm"))]
    .map((match) => ({ path: match[1]!, text: match[2]! }))

/** The programs of `markdown`, in their order. */
export const examplesOf = (markdown: string): ReadonlyArray<Block> => fenced("example", markdown)

/** What `markdown` says the example at `path` prints, `undefined` when it says nothing. */
export const outputOf = (markdown: string, path: string): string | undefined =>
  fenced("output", markdown).find((block) => block.path === path)?.text
