#!/bin/sh
# Imports this folder into a new Neo4j 5 database (stop it first; an existing
# database of that name is replaced). Usage: sh load-neo4j.sh [DATABASE]
# neo4j-admin is taken from $NEO4J_ADMIN, else from the PATH.
set -eu
cd "$(dirname "$0")"
exec "${NEO4J_ADMIN:-neo4j-admin}" database import full \
  --overwrite-destination=true --multiline-fields=true \
  --id-type=string \
  --nodes=nodes_person.csv \
  --nodes=nodes_group.csv \
  --nodes=nodes_place.csv \
  --nodes=nodes_event.csv \
  --relationships=rels_co_mention_person_person.csv \
  --relationships=rels_co_mention_person_group.csv \
  --relationships=rels_co_mention_person_place.csv \
  --relationships=rels_co_mention_group_person.csv \
  --relationships=rels_co_mention_group_group.csv \
  --relationships=rels_co_mention_group_place.csv \
  --relationships=rels_co_mention_place_person.csv \
  --relationships=rels_co_mention_place_group.csv \
  --relationships=rels_co_mention_place_place.csv \
  --relationships=rels_holds_office_person_place.csv \
  --relationships=rels_leads_person_group.csv \
  --relationships=rels_commands_person_group.csv \
  --relationships=rels_member_of_person_group.csv \
  --relationships=rels_located_in_group_place.csv \
  --relationships=rels_located_in_place_place.csv \
  --relationships=rels_met_with_person_person.csv \
  --relationships=rels_killed_place_person.csv \
  --relationships=rels_nationality_of_person_place.csv \
  --relationships=rels_nationality_of_group_place.csv \
  --relationships=rels_agent_event_person.csv \
  --relationships=rels_agent_event_group.csv \
  --relationships=rels_agent_event_place.csv \
  --relationships=rels_target_event_person.csv \
  --relationships=rels_target_event_place.csv \
  --relationships=rels_participant_event_person.csv \
  --relationships=rels_participant_event_group.csv \
  --relationships=rels_participant_event_place.csv \
  --relationships=rels_location_event_group.csv \
  --relationships=rels_location_event_place.csv \
  --relationships=rels_source_event_person.csv \
  --relationships=rels_source_event_group.csv \
  "${1:-neo4j}"
