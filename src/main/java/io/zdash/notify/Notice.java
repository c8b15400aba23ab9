package io.zdash.notify;

/** One plain-text email to an account's owner. */
record Notice(String to, String subject, String body) {

}
