import "./page.css";
import "./print-details.ts";
import "./app-shell.ts";
