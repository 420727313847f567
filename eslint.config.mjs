import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import slices from "./eslint/slices.mjs";

const config = [
  ...next,
  ...nextTs,
  // Layers point down (issue 15): app/ → components/ and lib/; components/ never import app/;
  // pages read through lib/'s queries, never the database client itself; lib/'s feature folders
  // never import each other in a circle.
  {
    files: ["components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "**/app/*"],
              message: "components/ and lib/ never import app/: move what both need into lib/ or components/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@prisma/*", "@/lib/generated/*", "**/generated/prisma/*"],
              message: "app/ reads and writes through lib/ (queries and services), never Prisma.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.type='CallExpression'][object.callee.name='db']",
          message: "app/ never queries the database client itself: call a query or service of lib/.",
        },
        {
          selector: "MemberExpression[object.type='MemberExpression'][object.property.name='db'][object.object.name='ctx']",
          message: "app/ never queries the database client itself: call a query or service of lib/.",
        },
      ],
    },
  },
  { files: ["lib/**/*.{ts,tsx}"], plugins: { slices }, rules: { "slices/no-cycle": "error" } },
  // Playwright fixtures call their callback `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "eslint/**"] },
];

export default config;
