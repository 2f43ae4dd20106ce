/** A reader (MM_MODE=reader, issue 23): what it answers when asked to write, or before it has data. */
import { defineMessages } from "../define-messages.ts";

export const replicaMessages = defineMessages(
  {
    "reader.readOnly":
      "deze server is een alleen-lezen kopie (reader); wijzigingen gaan naar de schrijvende server (writer): probeer het opnieuw via de load balancer",
    "reader.noSnapshot": "deze alleen-lezen kopie (reader) heeft nog geen momentopname van de gegevens geopend (MM_SNAPSHOT_DIR)",
  },
  {
    "reader.readOnly": "this server is a read-only reader; writes go to the writer: try again through the load balancer",
    "reader.noSnapshot": "this read-only reader has not opened a snapshot of the data yet (MM_SNAPSHOT_DIR)",
  },
);
