/** Layout of the page frame: a readable column that widens on large screens. */
import { css } from "lit";
import { baseStyles } from "./styles.ts";

export const shellStyles = [
  baseStyles,
  css`
    :host {
      min-height: 100vh;
    }
    main {
      max-width: 90rem;
      margin: 0 auto;
      padding: 1.25rem clamp(0.75rem, 3vw, 2rem) 3rem;
    }
    main:focus {
      outline: none;
    }
    @media print {
      :host {
        min-height: 0;
      }
      main {
        max-width: none;
        padding: 0;
      }
    }
  `,
];
