package org.urna.sync;

/** Carries an alarm out of a verification step to the sync loop, which records it. */
final class AlarmRaised extends Exception {
  private final transient SyncAlarm alarm;

  AlarmRaised(SyncAlarm alarm) {
    super(alarm.details(), null, false, false);
    this.alarm = alarm;
  }

  SyncAlarm alarm() {
    return alarm;
  }
}
