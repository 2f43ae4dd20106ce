import "./page.css";
import "./app-shell.ts";
