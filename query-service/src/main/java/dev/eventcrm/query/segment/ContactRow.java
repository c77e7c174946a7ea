package dev.eventcrm.query.segment;

/** What segmentation needs of a created contact: where its facts go (a merged one's go to its survivor), its dimensions. */
record ContactRow(String id, String mergedInto, boolean archived, String country, String city, String source) {
}
