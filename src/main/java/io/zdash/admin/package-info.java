/**
 * Administration: the accounts of the installation with their 2FA and throttling state, resetting
 * 2FA for someone who lost their device (never seeing or setting a secret), lifting a sign-in pause,
 * disabling an account, the whole security log with filters, and the "require 2FA for everyone"
 * setting. Every action needs an administrator's recent second factor and is recorded.
 */
package io.zdash.admin;
