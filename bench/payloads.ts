// Realistic payloads for the benchmarks: every record distinct, all valid for OICP 2.3.

function evseRecord(i: number) {
  return {
    EvseID: `DE*ABC*E${String(i).padStart(6, '0')}`,
    ChargingStationId: `station-${i}`,
    ChargingPoolID: 'DE*ABC*P1234',
    ChargingStationNames: [
      { lang: 'en', value: `ABC charging station ${i}` },
      { lang: 'de', value: `ABC Ladestation ${i}` },
    ],
    HardwareManufacturer: 'Charger Hardware Company',
    Address: {
      Country: 'DEU',
      City: 'Berlin',
      Street: 'EUREF Campus',
      PostalCode: '10829',
      HouseNum: String(i % 200),
      TimeZone: 'UTC+01:00',
    },
    GeoCoordinates: { Google: { Coordinates: `52.${String(480000 + (i % 9999)).padStart(6, '0')} 13.356465` } },
    Plugs: ['Type 2 Outlet', 'CCS Combo 2 Plug (Cable Attached)'],
    DynamicPowerLevel: true,
    ChargingFacilities: [{ PowerType: 'AC_3_PHASE', Voltage: 400, Amperage: 32, Power: 22, ChargingModes: ['Mode_3'] }],
    RenewableEnergy: true,
    EnergySource: [
      { Energy: 'Solar', Percentage: 60 },
      { Energy: 'Wind', Percentage: 40 },
    ],
    CalibrationLawDataAvailability: 'Local',
    AuthenticationModes: ['NFC RFID Classic', 'REMOTE'],
    PaymentOptions: ['Contract'],
    ValueAddedServices: ['Reservation', 'DynamicPricing'],
    Accessibility: 'Free publicly accessible',
    AccessibilityLocation: 'ParkingLot',
    HotlinePhoneNumber: '+4930123456789',
    IsOpen24Hours: false,
    OpeningTimes: [{ Period: [{ begin: '06:00', end: '22:00' }], on: 'Everyday' }],
    IsHubjectCompatible: true,
    DynamicInfoAvailable: 'auto',
  }
}

export function evseDataPush(records: number) {
  return {
    ActionType: 'fullLoad',
    OperatorEvseData: {
      OperatorID: 'DE*ABC',
      OperatorName: 'ABC technologies',
      EvseDataRecord: Array.from({ length: records }, (_, i) => evseRecord(i)),
    },
  }
}

/** A page of an EMP's PullEvseData answer: the same records, each with its operator. */
export function evseDataPage(records: number) {
  const content = Array.from({ length: records }, (_, i) => {
    const { ChargingStationId, ...rest } = evseRecord(i)
    return { ...rest, ChargingStationID: ChargingStationId, OperatorID: 'DE*ABC', OperatorName: 'ABC technologies' }
  })
  return {
    content,
    number: 0,
    size: records,
    totalElements: records,
    totalPages: 1,
    first: true,
    last: true,
    numberOfElements: records,
    StatusCode: { Code: '000' },
  }
}

const STATUSES = ['Available', 'Occupied', 'Reserved', 'OutOfService', 'Unknown']

export function evseStatusResponse(records: number) {
  return {
    EvseStatuses: {
      OperatorEvseStatus: [
        {
          OperatorID: 'DE*ABC',
          OperatorName: 'ABC technologies',
          EvseStatusRecord: Array.from({ length: records }, (_, i) => ({
            EvseID: `DE*ABC*E${String(i).padStart(6, '0')}`,
            EvseStatus: STATUSES[i % STATUSES.length],
          })),
        },
      ],
    },
    StatusCode: { Code: '000' },
  }
}
